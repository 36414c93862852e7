package org.cubekvm.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cubekvm.webrtc.internal.WhepTestViewer;

/**
 * WebRTC viewers of the memory benchmark's load: each POSTs an offer to {@code /api/webrtc/whep},
 * then a {@link WhepTestViewer} (the webrtc bundle's Java test peer, from its test jar) does ICE,
 * DTLS-SRTP and receives the stream on 127.0.0.1, keeping consent and sending receiver reports as a
 * browser does, until {@link #close} DELETEs the sessions. The media port is moved to a free UDP
 * port first (configuration {@code org.cubekvm.webrtc}, {@code udpPort=0}), so that the benchmark
 * never collides with another platform on the default port.
 */
final class WhepViewers implements AutoCloseable {
    private static final String PID = "org.cubekvm.webrtc";
    private static final int DEFAULT_MAX_SESSIONS = 4;

    private final HttpClient http;
    private final String base;
    private final List<WhepTestViewer> viewers = new ArrayList<>();
    private final List<String> locations = new ArrayList<>();
    private final List<Double> connectMillis = new ArrayList<>();

    private WhepViewers(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    static WhepViewers start(HttpClient http, String base, int count) throws IOException, InterruptedException {
        WhepViewers result = new WhepViewers(http, base);
        if (count > 0) {
            result.configure(count);
        }
        try {
            for (int i = 0; i < count; i++) {
                result.add(i);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            result.close();
            throw e;
        }
        return result;
    }

    private void configure(int count) throws IOException, InterruptedException {
        String json = "{\"udpPort\":0,\"maxSessions\":" + Math.max(DEFAULT_MAX_SESSIONS, count) + "}";
        HttpResponse<String> response = http.send(Auth.authorize(HttpRequest.newBuilder(URI.create(base + "/api/platform/config/" + PID)))
                .header("Content-Type", "application/json").header("Origin", base).timeout(Duration.ofSeconds(20))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("PUT /api/platform/config/" + PID + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void add(int index) throws IOException, InterruptedException {
        WhepTestViewer viewer = new WhepTestViewer();
        viewers.add(viewer);
        HttpRequest offer = Auth.authorize(HttpRequest.newBuilder(URI.create(base + "/api/webrtc/whep")))
                .header("Content-Type", "application/sdp").header("Origin", base).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(viewer.offer())).build();
        // The servlet comes back a moment after the configuration change re-activates it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        HttpResponse<String> response = http.send(offer, HttpResponse.BodyHandlers.ofString());
        while ((response.statusCode() == 404 || response.statusCode() == 503 && response.body().contains("\"unavailable\""))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = http.send(offer, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 201) {
            throw new IOException("WHEP offer " + index + " answered " + response.statusCode() + ": " + response.body());
        }
        locations.add(response.headers().firstValue("Location").orElseThrow(() -> new IOException("WHEP answer without Location")));
        viewer.connect(response.body());
        connectMillis.add(viewer.connectMillis());
        Thread thread = new Thread(viewer, "bench-webrtc-" + index);
        thread.setDaemon(true);
        thread.start();
    }

    int count() {
        return viewers.size();
    }

    long packets() {
        return viewers.stream().mapToLong(v -> v.packets).sum();
    }

    long payloadBytes() {
        return viewers.stream().mapToLong(v -> v.payloadBytes).sum();
    }

    long frames() {
        return viewers.stream().mapToLong(v -> v.frames).sum();
    }

    long rejected() {
        return viewers.stream().mapToLong(v -> v.rejected).sum();
    }

    /** ICE check + DTLS handshake of each viewer as the client saw it, in milliseconds. */
    List<Double> connectMillis() {
        return List.copyOf(connectMillis);
    }

    /** The first viewer's receive failure, or null. */
    String failure() {
        return viewers.stream().map(v -> v.failure).filter(f -> f != null).findFirst().orElse(null);
    }

    /** Ends every session with DELETE, then closes the sockets. */
    @Override
    public void close() {
        for (String location : locations) {
            MemoryBench.status(http, Auth.authorize(HttpRequest.newBuilder(URI.create(base + location))).header("Origin", base)
                    .timeout(Duration.ofSeconds(10)).DELETE().build());
        }
        viewers.forEach(WhepTestViewer::close);
    }
}
