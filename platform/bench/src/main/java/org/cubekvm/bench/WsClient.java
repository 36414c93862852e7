package org.cubekvm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of the platform (H.264 viewer or HID keyboard) on the JDK's client, with the
 * server's own {@code Origin} (every upgrade must carry it). Counts whole binary messages and
 * closes; reconnecting is the caller's business.
 */
final class WsClient implements WebSocket.Listener {
    private final HttpClient http;
    private final String base;
    private final String path;
    private volatile WebSocket socket;
    volatile long messages;
    volatile long bytes;
    volatile long closes;
    volatile String failure;

    WsClient(HttpClient http, String base, String path) {
        this.http = http;
        this.base = base;
        this.path = path;
    }

    WsClient connect() throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (Auth.header() != null) {
            builder.header("Authorization", Auth.header());
        }
        socket = builder
                .header("Origin", base)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + path), this)
                .get(10, TimeUnit.SECONDS);
        return this;
    }

    boolean open() {
        WebSocket current = socket;
        return current != null && !current.isOutputClosed() && !current.isInputClosed();
    }

    /** Sends one binary message and waits for it to be handed to the socket. */
    void send(byte[] message) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(message), true).get(5, TimeUnit.SECONDS);
    }

    void close() {
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
            current.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        bytes += data.remaining();
        if (last) {
            messages++;
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closes++;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failure = error.toString();
    }
}
