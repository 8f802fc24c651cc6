// A webhook endpoint on loopback that always fails: the alert must survive in alerts.json and the log.
import com.sun.net.httpserver.HttpServer

def hits = new File(basedir, 'webhook-hits.txt')
hits.text = ''
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/hooks/secret-token-xyz') { exchange ->
    synchronized (hits) { hits << exchange.requestBody.text.length() << '\n' }
    exchange.sendResponseHeaders(500, -1)
    exchange.close()
}
server.start()
System.properties.put('llmmon.it.webhook.' + basedir.name + basedir.parentFile.name, server)
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text =
        "-Dllmmon.webhookUrl=http://127.0.0.1:${server.address.port}/hooks/secret-token-xyz\n"
return true
