import groovy.json.JsonSlurper

def server = System.properties.remove('llmmon.it.judge.server.' + basedir.name + basedir.parentFile.name)
server?.stop(0)

def calls = new File(basedir, 'calls.txt').readLines().findAll { it }
def store = new File(basedir, 'store/judgements.jsonl').readLines().findAll { it }
def summary = new JsonSlurper().parse(new File(basedir, 'target/llmmon/judge.json')).summary

assert !calls.isEmpty()
assert calls.every { it == 'auth-ok' }           // the key from the environment was sent
assert store.size() == calls.size()               // one judgement per paid call, none duplicated
// the second run (whose judge.json this is) judged nothing new
assert summary.judged == 0
assert summary.already_judged == calls.size()
def judgements = store.collect { new JsonSlurper().parseText(it) }
assert judgements.every { it.status == 'ok' && it.judge_model == 'judge-model' }
assert judgements.findAll { it.request_id.endsWith('7') }.every { it.flagged }

def log = new File(basedir, 'build.log').text
assert !log.contains('sk-it-secret-key-123')     // the key is never printed
assert log.contains('already judged')
return true
