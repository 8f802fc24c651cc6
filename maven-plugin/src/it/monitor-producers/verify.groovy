import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/llmmon/report.json'))
// spring-ai: chat + embedding; openllmetry: chat + embedding; openai-v2: embeddings + chat; trace.json: none
assert report.input.records == 6
assert report.input.rejected.total == 0

// embeddings are rows of their own (operation=embeddings), never in the feature's unsliced chat rows
def unsliced = report.windows.findAll { it.model_id != '*' && it.slice_key == null }
assert unsliced*.requests.sum() == 3
assert !unsliced*.model_id.contains('text-embedding-3-small')
def embeddings = report.windows.findAll { it.model_id != '*' && it.slice_key == 'operation' && it.slice_value == 'embeddings' }
assert embeddings*.requests.sum() == 3

def log = new File(basedir, 'build.log').text
// never a silent zero: the file without model calls says why
assert log.contains('otlp-example-trace.json: no request records')
assert log.contains('span without GenAI markers 1')
assert log.contains('gen_ai.operation.name')
assert log.contains('BUILD SUCCESS')
return true
