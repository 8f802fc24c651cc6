import groovy.json.JsonSlurper

def server = System.properties.remove('llmmon.it.gate.server.' + basedir.name + basedir.parentFile.name)
server?.stop(0)

def calls = new File(basedir, 'calls.txt').readLines().findAll { it }
assert calls.count { it.startsWith('it-base ') } == 300
assert calls.count { it.startsWith('it-cand ') } == 300
assert calls.every { it.endsWith(' auth-ok') }     // the key from the environment reached both sides

def gate = new JsonSlurper().parse(new File(basedir, 'target/llmmon/gate.json'))
// plain values before asserting: a failing power assert would print the whole document
def decision = gate.decision, lowers = gate.features*.lower.collect { it as double }
def changes = gate.cases*.change.unique()
assert decision == 'PASS'
assert gate.cases.size() == 300
assert changes == ['same']
assert lowers.size() == 2 && lowers.every { it >= -0.02 } // each feature non-inferior within the default margin

def md = new File(basedir, 'target/llmmon/gate.md').text
assert md.startsWith('## llmmon gate: PASS (it-cand vs it-base)')

// Allure results per side
['baseline', 'candidate'].each { side ->
    def allure = new File(basedir, "target/llmmon/gate/${side}/allure-results")
    assert allure.listFiles().count { it.name.endsWith('-result.json') } == 300
}

def log = new File(basedir, 'build.log').text
assert log.contains('llmmon: gate: 300 case(s)')
assert log.contains('llmmon: gate: baseline reused: 0 case(s)')
assert log =~ /llmmon: gate: before: baseline 300 call\(s\)/
assert log.contains('llmmon: gate: PASS')
assert log.contains('BUILD SUCCESS')
assert !log.contains('sk-it-gate-env-key-321')     // the key is never printed
return true
