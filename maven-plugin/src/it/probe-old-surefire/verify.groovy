def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] llmmon: this project runs llmmon probes as tests, but its maven-surefire-plugin is 2.12.4')
assert log.contains('runs the probe @Suite as 0 tests')
assert log.contains('12 probe(s): 12 passed, 0 failed')   // the goal itself runs them regardless
assert log.contains('BUILD SUCCESS')
return true
