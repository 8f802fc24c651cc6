import groovy.json.JsonSlurper

System.properties.remove('llmmon.it.webhook.' + basedir.name + basedir.parentFile.name)?.stop(0)

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('open alert(s) of severity CRITICAL or worse')
assert log.contains('error_rate up for feature support-chat')
// the webhook was tried (with retries) and failed, but the alert is kept and the URL's secret never printed
assert new File(basedir, 'webhook-hits.txt').readLines().findAll { it }.size() >= 1
assert log.contains('alert not delivered')
assert !log.contains('secret-token-xyz')
def alerts = new JsonSlurper().parse(new File(basedir, 'target/llmmon/alerts.json')).alerts
assert alerts.any { (it.alert ?: it).metric == 'error_rate' && (it.alert ?: it).severity == 'CRITICAL' }
assert new File(basedir, 'target/llmmon/alerts').listFiles().any { it.name.endsWith('.png') }
return true
