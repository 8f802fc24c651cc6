import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import java.security.MessageDigest

// both probes passed, none skipped: had the embedder been missing, their only (embedding) checks would have been
// skipped and the probes reported aborted (skipped in the XML)
def suite = new XmlSlurper().parse(new File(basedir, 'target/llmmon/probe-reports/TEST-llmmon.xml'))
assert suite.@tests.text() == '2'
assert suite.@failures.text() == '0' && suite.@errors.text() == '0' && suite.@skipped.text() == '0'
assert suite.testcase*.@name*.text().sort() == ['boiling-point', 'capital-of-france']
assert suite.testcase.every { it.failure.size() == 0 && it.error.size() == 0 && it.skipped.size() == 0 }

def log = new File(basedir, 'build.log').text
assert log.contains('llmmon: probing openai model it-model (cassette ') && log.contains('answers.cassette.jsonl)')
assert log.contains('2 probe(s): 2 passed, 0 failed, 0 aborted, 0 skipped')
assert log =~ /semantic\.yaml \/ capital-of-france\s+2\/2 = 100%.*PASS/
assert log =~ /semantic\.yaml \/ boiling-point\s+1\/1 = 100%.*PASS/
assert !log.contains('no embedder configured')
assert !log.contains('needs the offline model')
assert log.contains('BUILD SUCCESS')

// The goal logs no check details for passing probes; each check's result ("cosine 0.965, min 0.800") is in the
// probe's Allure attachment checks.json. The cosines are MiniLM's for these texts (measured when the cassette was
// recorded), so the vectors really came from the model, not from the cassette or a stand-in.
def expected = [
        'capital-of-france': [[similar: 0.965, 'not-similar': -0.087], [similar: 0.974, 'not-similar': -0.091]],
        'boiling-point'    : [[similar: 0.893, 'not-similar': 0.002]],
]
def bounds = [similar: 'min', 'not-similar': 'max']
def allure = new File(basedir, 'target/allure-results')
def results = allure.listFiles().findAll { it.name.endsWith('-result.json') }.collect { new JsonSlurper().parse(it) }
assert results*.name.sort() == expected.keySet().sort()
results.each { r ->
    assert r.status == 'passed'
    def calls = new JsonSlurper().parse(new File(allure, r.attachments.find { it.name == 'checks.json' }.source))
    assert calls.size() == expected[r.name].size()
    calls.eachWithIndex { call, i ->
        assert call.passed
        expected[r.name][i].each { type, cosine ->
            def check = call.checks[type]
            assert check.status == 'passed' : "${r.name} #${i + 1} ${type}: ${check}"
            def m = check.detail =~ /^cosine (-?\d\.\d{3}), ${bounds[type]} \d\.\d{3}$/
            assert m.matches() : "${r.name} #${i + 1} ${type}: ${check.detail}"
            assert Math.abs((m.group(1) as double) - cosine) < 0.02 : "${r.name} #${i + 1} ${type}: ${check.detail}"
        }
    }
}

// the history carries each run's mean output embedding: 384 dimensions, MiniLM's
def history = new File(basedir, '.llmmon/probe-history.jsonl').readLines().findAll { it }.collect { new JsonSlurper().parseText(it) }
assert history*.probe_id.sort() == ['boiling-point', 'capital-of-france']
assert history.every { it.output_embedding.size() == 384 }

// replay wrote nothing to the cassette, and the cassette holds answers only (no embedding lines)
def cassette = new File(basedir, 'answers.cassette.jsonl')
def sha = MessageDigest.getInstance('SHA-256').digest(cassette.bytes).encodeHex().toString()
assert sha == new File(basedir, 'cassette.sha256').text
def lines = cassette.readLines().findAll { it }.collect { new JsonSlurper().parseText(it) }
assert lines.size() == 3 && lines.every { it.key && !it.embedding }
return true
