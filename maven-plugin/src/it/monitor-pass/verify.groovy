import groovy.json.JsonSlurper

def dir = new File(basedir, 'target/llmmon')
def report = new JsonSlurper().parse(new File(dir, 'report.json'))
assert report.input.records == 100
assert report.input.rejected.total == 0
assert report.input.signals.accepted == 3
assert report.input.signals.orphaned == 1
assert report.violations.isEmpty()

// support-chat: 60 requests in hour 10:00-11:00 (50 s apart => 10:00..10:49), every 10th from 3 is an error
def chat = report.windows.findAll { it.feature_id == 'support-chat' && it.model_id != '*' && it.slice_key == null }
assert chat*.requests.sum() == 60
assert chat*.errors.sum() == 6
def sliced = report.windows.findAll { it.slice_key == 'prompt_version' && it.feature_id == 'support-chat' && it.model_id != '*' }
assert sliced*.slice_value.toSet() == ['v1', 'v2'] as Set
assert chat.every { it.user_signals != null }

assert new File(dir, 'report.md').text.contains('# llmmon monitor report')
def prom = new File(dir, 'metrics.prom').text
assert prom.contains('llmmon_records_total 100')
assert prom.endsWith('# EOF\n')
// report.html is written by default: the page with the run's data and the inlined chart library
def html = new File(dir, 'report.html').text
assert html.contains('id="llmmon-data"') && html.contains('support-chat') && html.contains('echarts')

def log = new File(basedir, 'build.log').text
assert log.contains('support-chat')
assert log.contains('BUILD SUCCESS')
return true
