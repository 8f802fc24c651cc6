import groovy.xml.XmlSlurper

def server = System.properties.remove('llmmon.it.probe.server.' + basedir.name + basedir.parentFile.name)
server?.stop(0)

def calls = new File(basedir, 'calls.txt').readLines().findAll { it }
assert calls.size() == 4                          // capital x3 (repeat) + bare-json x1
assert calls.every { it == 'auth-ok' }           // the key from the environment was sent

def suite = new XmlSlurper().parse(new File(basedir, 'target/llmmon/probe-reports/TEST-llmmon.xml'))
assert suite.@tests.text() == '2' && suite.@failures.text() == '0'

def log = new File(basedir, 'build.log').text
assert log.contains('2 probe(s): 2 passed, 0 failed')
assert log =~ /canary\.yaml \/ capital-of-france\s+3\/3 = 100%/
assert log.contains('BUILD SUCCESS')
assert !log.contains('sk-it-probe-env-key-789')  // the key is never printed
assert !suite.toString().contains('sk-it-probe-env-key-789')
assert !new File(basedir, 'target/llmmon/probe-reports/TEST-llmmon.xml').text.contains('sk-it-probe-env-key-789')
return true
