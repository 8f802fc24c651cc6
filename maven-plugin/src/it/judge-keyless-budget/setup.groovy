// A keyless OpenAI-compatible judge on loopback (like a local Ollama); verify.groovy stops it. The first request gets
// prose instead of scores, and the scores once the judge is told what was wrong.
import com.sun.net.httpserver.HttpServer

def calls = new File(basedir, 'calls.txt')
calls.text = ''
def first = new java.util.concurrent.atomic.AtomicBoolean(true)
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/v1/chat/completions') { exchange ->
    def body = exchange.requestBody.text
    def auth = exchange.requestHeaders.getFirst('Authorization')
    def retry = body.contains('could not be used')
    def prose = !retry && first.getAndSet(false)
    synchronized (calls) { calls << (auth == null ? 'no-key' : 'key-sent') << (retry ? ' retry' : '') << '\n' }
    def content = prose ? 'I would rate this answer a solid 4.'
            : '{\\"scores\\":{\\"correctness\\":5,\\"completeness\\":4,\\"tone\\":5},\\"rationale\\":\\"r\\"}'
    def reply = '{"choices":[{"message":{"role":"assistant","content":"' + content +
            '"},"finish_reason":"stop"}],"usage":{"prompt_tokens":700,"completion_tokens":40}}'
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
