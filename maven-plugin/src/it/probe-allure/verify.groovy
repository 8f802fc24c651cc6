import groovy.json.JsonSlurper

def dir = new File(basedir, 'target/allure-results')
assert dir.isDirectory()
def results = dir.listFiles().findAll { it.name.endsWith('-result.json') }.collect { new JsonSlurper().parse(it) }
def probes = results.findAll { it.labels.any { l -> l.name == 'feature' } }
assert probes.size() == 12                        // one result per catalog probe
probes.each { r ->
    assert r.status == 'passed'
    def labels = r.labels.collectEntries { [(it.name): it.value] }
    assert labels.severity in ['critical', 'normal', 'minor', 'blocker', 'trivial']
    def params = r.parameters.collectEntries { [(it.name): it.value] }
    assert params.model == 'demo-model'
    assert params.containsKey('repeat')
    def names = r.attachments*.name
    assert names.any { it.toLowerCase().contains('prompt') }
    assert names.any { it.toLowerCase().contains('check') }
    assert names.any { it.startsWith('output') }
    r.attachments.each { a -> assert new File(dir, a.source).isFile() }
}
def json = probes.find { it.name == 'format-json-object' }
assert json != null
assert json.labels.find { it.name == 'feature' }.value == 'structured-output'
return true
