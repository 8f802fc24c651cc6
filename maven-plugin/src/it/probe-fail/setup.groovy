// A local OpenAI-compatible endpoint on loopback that answers the capital question wrongly; verify.groovy stops it.
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def expectedKey = 'sk-it-settings-key-456'
def calls = new File(basedir, 'calls.txt')
calls.text = ''
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/v1/chat/completions') { exchange ->
    def request = new JsonSlurper().parse(exchange.requestBody)
    def auth = exchange.requestHeaders.getFirst('Authorization')
    synchronized (calls) { calls << (auth == "Bearer ${expectedKey}".toString() ? 'auth-ok' : 'auth-wrong') << '\n' }
    def prompt = request.messages.last().content
    def answer = prompt.contains('capital of France') ? 'Lyon.' : '{"ok": true}'
    def reply = JsonOutput.toJson([id: 'c1', model: request.model, system_fingerprint: 'fp_it_1',
            choices: [[index: 0, message: [role: 'assistant', content: answer], finish_reason: 'stop']],
            usage: [prompt_tokens: 20, completion_tokens: 3]])
    def bytes = reply.getBytes('UTF-8')
    exchange.responseHeaders.add('Content-Type', 'application/json')
    exchange.sendResponseHeaders(200, bytes.length)
    exchange.responseBody.withCloseable { it.write(bytes) }
}
server.start()
System.properties.put('llmmon.it.probe.server.' + basedir.name + basedir.parentFile.name, server)
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dllmmon.baseUrl=http://127.0.0.1:${server.address.port}/v1\n"
return true
