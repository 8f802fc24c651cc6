import groovy.xml.XmlSlurper

def server = System.properties.remove('llmmon.it.probe.server.' + basedir.name + basedir.parentFile.name)
server?.stop(0)

def calls = new File(basedir, 'calls.txt').readLines().findAll { it }
assert calls.size() == 4
assert calls.every { it == 'auth-ok' }           // the key from the settings.xml server was sent

def report = new File(basedir, 'target/llmmon/probe-reports/TEST-llmmon.xml')
def suite = new XmlSlurper().parse(report)
assert suite.@tests.text() == '2' && suite.@failures.text() == '1'
assert suite.testcase.find { it.@name == 'capital-of-france' }.failure.size() == 1

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /canary\.yaml \/ capital-of-france\s+0\/3 = 0%.*FAIL/
assert log.contains('probe canary.yaml / capital-of-france failed')
assert !log.contains('sk-it-settings-key-456')   // the key is never printed
assert !report.text.contains('sk-it-settings-key-456')

def allure = new File(basedir, 'target/allure-results')
def failed = allure.listFiles().findAll { it.name.endsWith('-result.json') }
        .collect { new groovy.json.JsonSlurper().parse(it) }.find { it.name == 'capital-of-france' }
assert failed.status == 'failed'
assert allure.listFiles().every { !it.text.contains('sk-it-settings-key-456') }
return true
