// Remember the cassette's hash (replay must not write to it); start without what an earlier run of this IT left.
import java.security.MessageDigest

def cassette = new File(basedir, 'answers.cassette.jsonl')
assert cassette.isFile()
new File(basedir, 'cassette.sha256').text = MessageDigest.getInstance('SHA-256').digest(cassette.bytes).encodeHex().toString()
new File(basedir, '.llmmon').deleteDir()
new File(basedir, 'target').deleteDir()
return true
