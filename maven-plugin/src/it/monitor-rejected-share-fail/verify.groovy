import groovy.json.JsonSlurper

// 3 of 6 records rejected: more than llmmon.maxRejectedShare = 0.25 fails the build, after the reports
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('3 of 6 input record(s) were rejected (0.5), more than llmmon.maxRejectedShare = 0.25')
assert log.contains('requests.jsonl:4: MALFORMED_LINE')
def report = new JsonSlurper().parse(new File(basedir, 'target/llmmon/report.json'))
assert report.input.records == 3
assert report.input.rejected.total == 3
assert report.input.rejected.by_reason.out_of_range == 1
return true
