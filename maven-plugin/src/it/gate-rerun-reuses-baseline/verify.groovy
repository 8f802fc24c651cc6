import groovy.json.JsonSlurper

def server = System.properties.remove('llmmon.it.gate.server.' + basedir.name + basedir.parentFile.name)
server?.stop(0)

def calls = new File(basedir, 'calls.txt').readLines().findAll { it }
assert calls.count { it.startsWith('it-base ') } == 10   // the first run only
assert calls.count { it.startsWith('it-cand ') } == 20   // both runs

def cache = new File(basedir, 'target/llmmon/gate-cache').listFiles().findAll { it.name.endsWith('.json') }
assert cache.size() == 1
assert new JsonSlurper().parse(cache[0]).key.model == 'it-base'

def gate = new JsonSlurper().parse(new File(basedir, 'target/llmmon/gate.json'))  // the second run's
def baseline = gate.baseline, candidate = gate.candidate, reused = gate.cases*.baseline_reused.unique()
assert baseline.calls == 0 && baseline.reused_cases == 10
assert candidate.calls == 10
assert reused == [true]

def log = new File(basedir, 'build.log').text
assert log.contains('llmmon: gate: baseline reused: 10 case(s) from ')
return true
