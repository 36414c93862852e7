package org.cubekvm.webrtc.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The WebRTC part of the AppCDS training start ({@code bin/cubekvm --train-cds}, which the
 * distribution build runs with this class's test jar on {@code CUBEKVM_TRAIN_WHEP_CLASSPATH}): one
 * real WHEP session against the training platform — the media port moved to a free UDP port, an
 * offer, the ICE check, the DTLS-SRTP handshake, SRTP media with sender and receiver reports, a PLI
 * and a NACK — then DELETE, so that what a first session loads on the server (BouncyCastle's DTLS,
 * the SRTP and RTCP paths) is in the archive and a device's first viewer does not load it from the
 * jars. Usage: {@code WhepTrainingClient BASE_URL} with the admin's session cookie
 * ({@code name=value}) in the environment variable {@code CUBEKVM_TRAIN_COOKIE}. Exits 0 after a
 * session that received frames, 1 otherwise (the training goes on without it).
 */
public final class WhepTrainingClient {
    private static final long FRAMES = 30;
    private static final long MIN_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private WhepTrainingClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || System.getenv("CUBEKVM_TRAIN_COOKIE") == null) {
            System.err.println("usage: CUBEKVM_TRAIN_COOKIE=name=value WhepTrainingClient BASE_URL");
            System.exit(2);
        }
        try {
            System.exit(session(args[0], System.getenv("CUBEKVM_TRAIN_COOKIE")) ? 0 : 1);
        } catch (IOException e) {
            System.err.println("webrtc training: " + e.getMessage());
            System.exit(1);
        }
    }

    static boolean session(String base, String cookie) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long started = System.nanoTime();
        // A free UDP port: a platform of another checkout may hold the default one.
        HttpResponse<String> configured = http.send(request(base, "/api/platform/config/org.cubekvm.webrtc", cookie)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"udpPort\":0}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (configured.statusCode() != 200) {
            throw new IOException("PUT the media port answered " + configured.statusCode() + ": " + configured.body());
        }
        try (WhepTestViewer viewer = new WhepTestViewer()) {
            HttpRequest offer = request(base, "/api/webrtc/whep", cookie).header("Content-Type", "application/sdp")
                    .POST(HttpRequest.BodyPublishers.ofString(viewer.offer())).build();
            HttpResponse<String> answer = http.send(offer, HttpResponse.BodyHandlers.ofString());
            // The servlet comes back a moment after the configuration change re-activates it.
            while ((answer.statusCode() == 404 || answer.statusCode() == 503) && System.nanoTime() - started < DEADLINE_NANOS) {
                Thread.sleep(100);
                answer = http.send(offer, HttpResponse.BodyHandlers.ofString());
            }
            if (answer.statusCode() != 201) {
                throw new IOException("the offer was answered " + answer.statusCode() + ": " + answer.body());
            }
            String location = answer.headers().firstValue("Location").orElseThrow(() -> new IOException("no Location"));
            try {
                viewer.connect(answer.body());
                Thread receiver = new Thread(viewer, "webrtc-training-viewer");
                receiver.setDaemon(true);
                receiver.start();
                long from = System.nanoTime();
                boolean fedBack = false;
                while (System.nanoTime() - started < DEADLINE_NANOS && viewer.failure == null
                        && (viewer.frames < FRAMES || System.nanoTime() - from < MIN_NANOS)) {
                    if (!fedBack && viewer.frames > 0) {
                        viewer.requestFeedback(); // a PLI and a NACK with the next receiver report
                        fedBack = true;
                    }
                    Thread.sleep(50);
                }
                System.err.printf("webrtc training: %d frames, %d packets in %d ms%n", viewer.frames, viewer.packets,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return viewer.frames > 0 && viewer.failure == null;
            } finally {
                http.send(request(base, location, cookie).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    private static HttpRequest.Builder request(String base, String path, String cookie) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).header("Origin", base)
                .timeout(Duration.ofSeconds(20));
    }
}
