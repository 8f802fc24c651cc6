// A local OpenAI-compatible endpoint whose model starts wrapping its JSON in Markdown fences after three runs
// (30 calls) under the same model name; verify.groovy stops it.
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.util.concurrent.atomic.AtomicInteger

def count = new AtomicInteger()
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/v1/chat/completions') { exchange ->
    def request = new JsonSlurper().parse(exchange.requestBody)
    def json = '{"name": "Ada", "age": 36}'
    def answer = count.incrementAndGet() <= 30 ? json : '```json\n' + json + '\n```'
    def reply = JsonOutput.toJson([id: 'c1', model: request.model,
            choices: [[index: 0, message: [role: 'assistant', content: answer], finish_reason: 'stop']],
            usage: [prompt_tokens: 20, completion_tokens: 12]])
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
