// an input that yields no record fails the build by default (llmmon.failOnEmptyInput), after the reports are written
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('no request record was read from 1 file(s) (3 line(s), 0 rejected, 0 skipped)')
assert log.contains('llmmon.failOnEmptyInput=false')
assert new File(basedir, 'target/llmmon/report.json').isFile()
return true
