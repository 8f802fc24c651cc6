import groovy.json.JsonSlurper

def out = new File(basedir, 'target/llmmon')
def triage = new JsonSlurper().parse(new File(out, 'triage.json'))
assert triage.alert_id == 'a1b2c3d4e5f60718'
assert triage.metric == 'error_rate'

// scope: the v8 prompt, one line
def first = triage.scope.explanation[0]
assert first.dimensions.prompt_version == 'v8' : triage.scope.summary
assert triage.scope.explanation.size() == 1 : triage.scope.summary
assert !triage.scope.nothing_stands_out

// isolate: the change point near the rollout, the prompt change first, the deploy after it
def cp = java.time.Instant.parse(triage.isolation.change_point)
def rollout = java.time.Instant.parse('2026-11-18T08:00:00Z')
assert Math.abs(java.time.Duration.between(rollout, cp).toHours()) <= 2 : cp
assert triage.isolation.changes[0].kind == 'prompt_change'
assert triage.isolation.changes.any { it.kind == 'deploy' }

// triage: 20 responses, the failed ones first, every text redacted
def bundle = new JsonSlurper().parse(new File(out, 'triage-bundle.json'))
assert bundle.items.size() == 20
assert bundle.items[0].why == 'error'
assert bundle.items.every { it.verdict == 'unset' }
assert bundle.items.any { (it.input ?: '').contains('<EMAIL_1>') || (it.error ?: '').contains('<EMAIL_1>') }

// respond: the commands
assert triage.commands.any { it.contains(':export-evals') && it.contains('llmmon.evals.bundle=') }
assert triage.commands.any { it.contains(':gate') }

def secrets = ['jane.doe@example.com', 'sk-proj-Xk29fhQ0aZ81LmnB7TqWc3Rv5YpE4uJd']
def written = []
out.eachFileRecurse { if (it.isFile()) written << it }
assert written*.name.containsAll(['triage.json', 'triage.md', 'triage-bundle.json'])
// the post-mortem: standard Allure result files, a test per step, change and case, attachments on disk
def allure = new File(basedir, 'target/allure-results')
def results = allure.listFiles().findAll { it.name.endsWith('-result.json') }
assert results.size() == 4 + triage.isolation.changes.size() + 20
def parsed = results.collect { new JsonSlurper().parse(it) }
assert parsed.any { it.name == '2 scope: prompt_version=v8' && it.status == 'failed' }
parsed.each { r -> r.attachments.each { a -> assert new File(allure, a.source).isFile() } }
allure.eachFile { if (it.isFile()) written << it }

def log = new File(basedir, 'build.log')
(written + [log]).each { f -> secrets.each { s -> assert !f.text.contains(s) : "${f} holds ${s}" } }
assert log.text.contains('llmmon: scope: prompt_version=v8')
return true
