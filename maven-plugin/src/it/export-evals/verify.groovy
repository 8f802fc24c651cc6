def evals = new File(basedir, 'eval-cases/src/test/resources/evals')
def cases = []
evals.eachFileRecurse { if (it.name.endsWith('.eval.yaml')) cases << it }
// r-1 and r-2 are one case (same question, other address), r-3 another, r-5 the summarize one; r-4 is not flagged
assert cases.size() == 3 : cases
assert cases.findAll { it.parentFile.name == 'support-chat' }.size() == 2
assert cases.every { it.name ==~ /ev-(support-chat|summarize)-[0-9a-f]{12}\.eval\.yaml/ }
def reset = cases.find { it.text.contains('reset my password') }
assert reset.text.contains('<EMAIL_1>')
assert reset.text.contains('request_id: r-1') && reset.text.contains('request_id: r-2')

def secrets = ['jane.doe@example.com', 'max.muster@example.de', 'sk-proj-Xk29fhQ0aZ81LmnB7TqWc3Rv5YpE4uJd',
               '4111 1111 1111 1111', '415 555 0100']
def written = cases + [new File(basedir, 'target/llmmon/export-evals.md'),
                       new File(basedir, 'target/llmmon/export-evals-redactions.json')]
written.each { f -> secrets.each { s -> assert !f.text.contains(s) : "${f} holds ${s}" } }

// the summary is the second run's: nothing new
def summary = new File(basedir, 'target/llmmon/export-evals.md').text
assert summary.startsWith('## Eval cases from flagged production answers')
assert summary.contains('0 new case(s)')
def log = new File(basedir, 'build.log').text
assert log.contains('0 new eval case(s)')
secrets.each { s -> assert !log.contains(s) }
return true
