// build.log holds the second (strict) run; the first run's report was written without failing
assert new File(basedir, 'target/llmmon/report.json').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('judgements.jsonl: the judgement store has no usable scores (0 ok, 5 unparseable, 0 failed')
assert log.contains('BUILD FAILURE')
return true
