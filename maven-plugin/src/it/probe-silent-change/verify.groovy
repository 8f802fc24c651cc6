import groovy.json.JsonSlurper

def server = System.properties.remove('llmmon.it.probe.server.' + basedir.name + basedir.parentFile.name)
server?.stop(0)

def history = new File(basedir, 'history/probe-history.jsonl').readLines().findAll { it }
        .collect { new JsonSlurper().parseText(it) }
assert history.size() == 4                        // one fingerprint per run
assert history*.run_id.unique().size() == 4

// build.log holds the last (fourth) run
def log = new File(basedir, 'build.log').text
assert log.contains('1 probe(s): 1 passed, 0 failed')         // the probe itself still passes
assert log.contains('3 earlier run(s) to compare with')
assert log =~ /suspected silent model change: json-profile on it-model: JSON_VALIDITY_DROP/
assert log.contains('BUILD FAILURE')
return true
