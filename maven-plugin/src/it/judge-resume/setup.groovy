// A local OpenAI-compatible judge endpoint on loopback for this test; verify.groovy stops it.
import com.sun.net.httpserver.HttpServer

def calls = new File(basedir, 'calls.txt')
calls.text = ''
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/v1/chat/completions') { exchange ->
    def body = exchange.requestBody.text
    def auth = exchange.requestHeaders.getFirst('Authorization')
    synchronized (calls) { calls << (auth == 'Bearer sk-it-secret-key-123' ? 'auth-ok' : 'auth-missing') << '\n' }
    def weak = body.contains('not sure')
    def scores = weak ? '{\\"correctness\\":1,\\"completeness\\":2,\\"tone\\":3}' : '{\\"correctness\\":5,\\"completeness\\":4,\\"tone\\":5}'
    def reply = '{"choices":[{"message":{"role":"assistant","content":"{\\"scores\\":' + scores +
            ',\\"rationale\\":\\"r\\"}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":700,"completion_tokens":40}}'
    def bytes = reply.getBytes('UTF-8')
    exchange.responseHeaders.add('Content-Type', 'application/json')
    exchange.sendResponseHeaders(200, bytes.length)
    exchange.responseBody.withCloseable { it.write(bytes) }
}
server.start()
System.properties.put('llmmon.it.judge.server.' + basedir.name + basedir.parentFile.name, server)
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dllmmon.judge.baseUrl=http://127.0.0.1:${server.address.port}/v1\n"
return true
