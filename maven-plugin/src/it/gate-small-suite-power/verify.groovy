import groovy.json.JsonSlurper

def server = System.properties.remove('llmmon.it.gate.server.' + basedir.name + basedir.parentFile.name)
server?.stop(0)

def log = new File(basedir, 'build.log').text
// the warning comes before any call: its line precedes the first probe run
def warning = log.indexOf('[WARNING] llmmon: gate: power: ')
assert warning >= 0
assert warning < log.indexOf('llmmon: [baseline] probing')

def gate = new JsonSlurper().parse(new File(basedir, 'target/llmmon/gate.json'))
def power = gate.power, decision = gate.decision
assert power.can_detect_margin == false
assert power.minimum_detectable_effect > 0.02
assert decision == 'INCONCLUSIVE'                 // six equal cases prove nothing either way
assert new File(basedir, 'target/llmmon/gate.md').text.contains('**Power warning**')
assert log.contains('BUILD SUCCESS')              // inconclusive fails only with failOnInconclusive
return true
