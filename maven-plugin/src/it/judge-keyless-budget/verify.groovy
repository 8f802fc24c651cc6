import groovy.json.JsonSlurper

def server = System.properties.remove('llmmon.it.judge.server.' + basedir.name + basedir.parentFile.name)
server?.stop(0)

def calls = new File(basedir, 'calls.txt').readLines().findAll { it }
def store = new File(basedir, 'store/judgements.jsonl').readLines().findAll { it }
def summary = new JsonSlurper().parse(new File(basedir, 'target/llmmon/judge.json')).summary
def log = new File(basedir, 'build.log').text

assert log.contains('BUILD SUCCESS')
// no key variable was set: the goal warned and called without a key instead of failing
assert log.contains('OPENAI_API_KEY is not set: calling http://127.0.0.1:')
assert calls.every { it.startsWith('no-key') }
// the USD cap was accepted with explicit prices, and spend was accounted
assert summary.spend_usd > 0 && summary.spend_usd < 1
// prose replies were asked for once more and then scored
def retries = calls.count { it.endsWith(' retry') }
assert retries == 1
assert calls.size() == store.size() + retries
assert store.collect { new JsonSlurper().parseText(it) }.every { it.status == 'ok' }
assert log.contains('unparseable judge repl(ies) asked for again')
return true
