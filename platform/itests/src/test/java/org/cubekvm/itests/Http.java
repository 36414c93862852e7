package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.cubekvm.testsupport.Await;
import org.osgi.framework.BundleContext;

/**
 * A small HTTP client for the platform under test, talking to the real Jetty over the loopback.
 * Every response is checked for leaks (a stack trace or Jetty's HTML error page), because
 * docs/api.md promises the JSON error shape everywhere.
 */
final class Http {
    /** How long the platform may take to (re)initialise, e.g. Jersey reloading after a bundle change. */
    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    record Response(int status, String contentType, String body) {
        JsonElement json() {
            assertTrue("expected JSON but Content-Type was " + contentType + ": " + body,
                    contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json"));
            return JsonParser.parseString(body);
        }

        JsonObject object() {
            JsonElement json = json();
            assertTrue("expected a JSON object: " + body, json.isJsonObject());
            return json.getAsJsonObject();
        }

        /** Asserts the docs/api.md error shape: {"error": "<code>", "message": "<sentence>"}. */
        JsonObject assertError(int expectedStatus) {
            assertEquals("status of " + this, expectedStatus, status);
            JsonObject error = object();
            assertTrue("no string 'error' in " + body, error.has("error") && error.get("error").isJsonPrimitive());
            assertTrue("no string 'message' in " + body, error.has("message") && error.get("message").isJsonPrimitive());
            assertFalse("empty error code in " + body, error.get("error").getAsString().isBlank());
            assertFalse("empty message in " + body, error.get("message").getAsString().isBlank());
            return error;
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            // HTTP/1.1: the JDK client's default would try an h2c upgrade on plain HTTP.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();
    private final String host;
    private final int port;
    /** Sent as {@code Authorization} with every request, or null (no credentials). */
    private final String authorization;
    /** Sent as {@code Cookie} with every request, or null. */
    private final String cookie;

    Http(BundleContext context) {
        this.host = PlatformOptions.HOST;
        String value = context.getProperty(PlatformOptions.HTTP_PORT);
        if (value == null) {
            throw new IllegalStateException(PlatformOptions.HTTP_PORT + " is not a framework property");
        }
        this.port = Integer.parseInt(value);
        this.authorization = null;
        this.cookie = null;
    }

    private Http(Http base, String authorization, String cookie) {
        this.host = base.host;
        this.port = base.port;
        this.authorization = authorization;
        this.cookie = cookie;
    }

    /** The same client sending {@code Authorization: Bearer token}. */
    Http withToken(String token) {
        return new Http(this, "Bearer " + token, null);
    }

    /** The same client sending the session cookie ({@code cubekvm_session=...}). */
    Http withCookie(String sessionCookie) {
        return new Http(this, null, sessionCookie);
    }

    /** The same client without credentials. */
    Http anonymous() {
        return new Http(this, null, null);
    }

    /** Any method, optional JSON body, optional Origin. */
    Response send(String method, String path, String json, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request);
    }

    /** POST with a JSON body from this server's origin; returns the raw response (headers included). */
    HttpResponse<String> postJsonRaw(String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Origin", origin());
        return sendRaw(request);
    }

    /** POST with a body of any content type from this server's origin; the raw response (headers included). */
    HttpResponse<String> postRaw(String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType).header("Origin", origin());
        return sendRaw(request);
    }

    /** The server's own origin, as a browser page served by it would send it. */
    String origin() {
        return "http://" + host + ":" + port;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A state-changing request from a page of this server. */
    Response post(String path) {
        return post(path, origin());
    }

    Response post(String path, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request);
    }

    /** Any method with a raw body of the given type, from this server's origin (uploads). */
    Response sendBytes(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType).header("Origin", origin());
        return send(request);
    }

    /** DELETE from this server's origin. */
    Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().header("Origin", origin()));
    }

    /** The {@code Authorization} value this client sends, or null. */
    String authorization() {
        return authorization;
    }

    /** {@code ws://host:port} + path. */
    URI webSocketUri(String path) {
        return URI.create("ws://" + host + ":" + port + path);
    }

    /** GETs until the response matches or the deadline passes (for things with no service to track). */
    Response await(String path, Predicate<Response> condition, String what) {
        AtomicReference<Object> last = new AtomicReference<>();
        try {
            return Await.value("GET " + path + " to show " + what, DEADLINE, () -> {
                try {
                    Response response = get(path);
                    last.set(response);
                    return condition.test(response) ? response : null;
                } catch (RuntimeException | AssertionError e) {
                    // AssertionError: while the HTTP bundle starts (or restarts after a hot swap),
                    // Jetty's own 404 HTML page answers; checked() refuses it, and polling goes on.
                    last.set(e);
                    return null;
                }
            });
        } catch (AssertionError timedOut) {
            Object answer = last.get();
            throw new AssertionError(timedOut.getMessage() + "; last answer: "
                    + (answer instanceof Throwable t ? t.getMessage() : answer));
        }
    }

    /**
     * Sends a WebSocket upgrade by hand (the JDK's clients refuse to set Upgrade/Connection) and
     * returns the status and body of the refusal. Does not complete a handshake.
     */
    Response webSocketUpgrade(String path, String origin) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Upgrade: websocket\r\n")
                    .append("Connection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            if (origin != null) {
                request.append("Origin: ").append(origin).append("\r\n");
            }
            if (authorization != null) {
                request.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (cookie != null) {
                request.append("Cookie: ").append(cookie).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    private static Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            fail("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        String contentType = null;
        int length = -1;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-type")) {
                contentType = value;
            } else if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            }
        }
        // A switched protocol has no body to read; a refusal carries its JSON with a Content-Length.
        String body = status == 101 || length < 0 ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return checked(new Response(status, contentType, body));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of the response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Opens a streaming GET (e.g. MJPEG) with this client's credentials; the caller reads and
     * closes the body. Fails unless the status is 200.
     */
    InputStream openStream(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                response.body().close();
                fail("GET " + path + " answered " + response.statusCode() + ": " + body);
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://" + host + ":" + port + path);
    }

    private Response send(HttpRequest.Builder request) {
        HttpResponse<String> response = sendRaw(request);
        return checked(new Response(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body()));
    }

    private HttpResponse<String> sendRaw(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
        try {
            try {
                return client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // A pooled keep-alive connection died under us: Jetty restarts when the HTTPS
                // configuration changes (the auth bundle starting or stopping), Jersey reloads. The
                // JDK client does not retry on its own, so retry once on a fresh connection. Every
                // request these tests send is either idempotent or checked by state afterwards.
                return client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** No answer may leak an exception or fall back to an HTML error page. */
    private static Response checked(Response response) {
        assertFalse("a response leaks an exception: " + response, response.body().contains("Exception"));
        assertFalse("a response is an HTML page: " + response,
                response.body().toLowerCase(Locale.ROOT).contains("<html"));
        return response;
    }
}
