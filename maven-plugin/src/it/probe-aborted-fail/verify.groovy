def log = new File(basedir, 'build.log').text
assert log.contains('2 probe(s): 0 passed, 0 failed, 2 aborted, 0 skipped')
assert (log =~ /checked nothing/).size() >= 2
assert log.contains('BUILD FAILURE')
return true
