import groovy.xml.XmlSlurper

def report = new File(basedir, 'target/llmmon/probe-reports/TEST-llmmon.xml')
assert report.isFile()
def suite = new XmlSlurper().parse(report)
assert suite.testcase.size() == 12
assert suite.@tests.text() == '12'
assert suite.@failures.text() == '0' && suite.@errors.text() == '0'

def log = new File(basedir, 'build.log').text
assert log.contains('12 probe(s): 12 passed, 0 failed')
assert log =~ /pass rate\s+min\s+verdict/
assert log =~ /format-json-object\s+\d+\/\d+ = \d+% \(95% CI [^)]*\)\s+\S+\s+PASS/
assert log.contains('BUILD SUCCESS')

// one behaviour fingerprint per probe in the default history file
def history = new File(basedir, '.llmmon/probe-history.jsonl').readLines().findAll { it }
assert history.size() == 12

// Allure results: one per probe, with the engine's labels, parameters and attachments
def allure = new File(basedir, 'target/allure-results')
def results = allure.listFiles().findAll { it.name.endsWith('-result.json') }.collect { new groovy.json.JsonSlurper().parse(it) }
assert results.size() == 12
results.each { r ->
    assert r.status == 'passed'
    assert r.labels.any { it.name == 'feature' } && r.labels.any { it.name == 'severity' }
    assert r.parameters.find { it.name == 'model' }.value == 'demo-model'
    assert r.attachments*.name.containsAll(['prompt', 'checks.json'])
    r.attachments.each { a -> assert new File(allure, a.source).isFile() }
}
return true
