package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** A tuned connector's keep-alive connections keep no header-field cache (96 KiB each with Jetty's default). */
class HeaderCacheTest {

    @Test
    void aKeepAliveConnectionOfATunedConnectorCachesNoHeaderFields() throws Exception {
        assertTrue(cachedFieldsAfterTwoRequests(new HttpConfiguration()) > 0,
                "Jetty's default caches a keep-alive connection's repeated header fields");
        HttpConfiguration tuned = new HttpConfiguration();
        JettyTuning.withoutHeaderCache(tuned);
        assertEquals(0, cachedFieldsAfterTwoRequests(tuned));
    }

    /** Two requests with the same headers on one connection; @return how many fields its parser cached. */
    private static int cachedFieldsAfterTwoRequests(HttpConfiguration configuration) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        HttpParser[] parser = new HttpParser[1];
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (request.getConnectionMetaData().getConnection() instanceof HttpConnection http) {
                    parser[0] = http.getParser();
                }
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
        });
        server.start();
        try (Socket socket = new Socket("127.0.0.1", connector.getLocalPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 2; i++) {
                out.write(("GET /x HTTP/1.1\r\nHost: a\r\nUser-Agent: same-agent\r\nAccept: application/json\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 204"), head);
            }
            return parser[0].getFieldCache().size();
        } finally {
            server.stop();
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
