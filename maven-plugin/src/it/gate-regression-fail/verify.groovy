import groovy.json.JsonSlurper

def server = System.properties.remove('llmmon.it.gate.server.' + basedir.name + basedir.parentFile.name)
server?.stop(0)

def gate = new JsonSlurper().parse(new File(basedir, 'target/llmmon/gate.json'))
// plain values before asserting: a failing power assert would print the whole document
def decision = gate.decision, changes = gate.cases*.change.unique(), cases = gate.cases.size()
def features = gate.features*.feature.sort(), featureDecisions = gate.features*.decision.unique()
assert decision == 'FAIL'
assert cases == 20 && changes == ['worse']
assert features == ['safety', 'structured-output']
assert featureDecisions == ['FAIL']

def md = new File(basedir, 'target/llmmon/gate.md').text
assert md.startsWith('## llmmon gate: FAIL (it-cand vs it-base)')
assert md.contains('| suite.yaml / json-0 | structured-output | 1/1 | 0/1 | worse |')
assert md.contains('| suite.yaml / refuse-1 | safety | 1/1 | 0/1 | worse |')

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('llmmon: gate FAIL: candidate it-cand is worse than baseline it-base')
assert !log.contains('sk-it-gate-env-key-321')

// each side's results, the failing probes failing on the candidate's side only
def results = { side -> new File(basedir, "target/llmmon/gate/${side}/allure-results").listFiles()
        .findAll { it.name.endsWith('-result.json') }.collect { new JsonSlurper().parse(it) } }
assert results('baseline').every { it.status == 'passed' }
assert results('candidate').size() == 20 && results('candidate').every { it.status == 'failed' }
return true
