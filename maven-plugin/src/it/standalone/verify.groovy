import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/llmmon/report.json'))
assert report.input.records == 100
assert report.config.window == '1d'
assert !new File(basedir, 'target/llmmon/report.md').exists()
return true
