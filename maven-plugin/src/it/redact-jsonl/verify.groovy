import groovy.json.JsonSlurper

def lines = new File(basedir, 'out/out.jsonl').readLines('UTF-8')
assert lines.size() == 5 : 'one output line per input line'
def slurper = new JsonSlurper()
def r1 = slurper.parseText(lines[0])
assert r1.request_id == 'r-1'
assert r1.text == 'I am <EMAIL_1>, key <API_KEY_1>'
assert r1.output == 'Thanks <EMAIL_1>'   // one scope per record
assert lines[0].contains('"cost_usd":0.00120')   // numbers as written
def r2 = slurper.parseText(lines[1])
assert r2.text == 'Call me at <PHONE_1> or pay with <CARD_1>'
assert r2.user == 'bob@example.com'      // not a named field: untouched
assert lines[2] == new File(basedir, 'in.jsonl').readLines('UTF-8')[2]   // nothing to redact: byte for byte
assert lines[3] == ''                    // malformed: never copied unredacted
def r5 = slurper.parseText(lines[4])
assert r5.text == 'IBAN <IBAN_1> from <IP_1>'
assert r5.output == 'Authorization: Bearer <API_KEY_1>'

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('llmmon: redacted in.jsonl')
assert log.contains('5 line(s), 3 rewritten, 8 replacement(s)')
assert log.contains('in.jsonl:4: not valid JSON')
assert !log.contains('jane.roe') && !log.contains('Zx81QmP4') && !log.contains('4111 1111') && !log.contains('7946')
return true
