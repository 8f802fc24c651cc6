def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('threshold violation')
// names feature, model, window, metric, value and limit
assert log.contains('support-chat / gpt-4o-mini-2024-07-18, window 2025-11-20T10:00:00Z: error_rate = 0.1 exceeds the limit 0.05')
// summarize has no errors and the global limit is 0.5: not named
assert !log.contains('summarize / claude')
// reports are written before failing, so CI can publish them
assert new File(basedir, 'target/llmmon/report.json').isFile()
return true
