def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('requests.jsonl:5: NEGATIVE_NUMBER (field \'latency_ms\')')
return true
