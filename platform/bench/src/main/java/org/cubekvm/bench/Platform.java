package org.cubekvm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One platform process started from the distribution's {@code bin/cubekvm} on a free port with its
 * own data directory, as this JVM's child (so {@code jcmd} can attach: a JVM attaches only to processes of its own user that it can signal).
 * Times are measured from the spawn.
 */
final class Platform {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * Between two start-up probes (/healthz, the first viewer). Polling every 5 ms (and retrying the
     * first viewer every 1 ms) made the harness a load of its own: a Jetty thread of the starting
     * platform answered ~200 requests a second on a 2-core machine. 20 ms is the resolution of the
     * start-up figures.
     */
    private static final long POLL_MILLIS = 20;

    private final Process process;
    private final int port;
    private final long spawnNanos;

    private Platform(Process process, int port, long spawnNanos) {
        this.process = process;
        this.port = port;
        this.spawnNanos = spawnNanos;
    }

    static Platform start(Path dist, String jvm, Path data) throws IOException {
        int port = MemoryBench.freePort();
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/cubekvm").toString(), "--jvm", jvm, "--profile", "bench",
                "--port", Integer.toString(port), "--data", data.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("platform.log").toFile()));
        long spawn = System.nanoTime();
        return new Platform(builder.start(), port, spawn);
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Polls /healthz every 20 ms; @return nanoseconds from spawn to its first 200. */
    long awaitHealthy(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/healthz")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the platform exited with " + process.exitValue() + " before it was healthy");
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime() - spawnNanos;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IOException("the platform did not become healthy within " + timeoutMillis + " ms");
    }

    /**
     * One start measured and stopped again: milliseconds from spawn to the first {@code /healthz} 200
     * and to the first whole frame ({@link #awaitHealthyAndFirstFrame}).
     */
    static double[] measureStart(Path dist, String jvm, Path data) throws IOException, InterruptedException {
        Platform platform = start(dist, jvm, data);
        try {
            long[] times = platform.awaitHealthyAndFirstFrame(60_000);
            return new double[] {times[0] / 1e6, times[1] / 1e6};
        } finally {
            platform.stop();
        }
    }

    /**
     * Start-up as a viewer meets it: from the spawn, {@code /healthz} and the MJPEG stream are polled
     * side by side (each every 20 ms), because the stream serves before {@code /healthz} is UP (Jersey
     * builds {@code /api} after the streams are registered, issue 20). A viewer that cannot connect or
     * gets any answer but a stream tries again.
     *
     * @return nanoseconds from spawn to the first {@code /healthz} 200 and to the first whole frame
     */
    long[] awaitHealthyAndFirstFrame(long timeoutMillis) throws IOException, InterruptedException {
        long[] healthy = {-1};
        IOException[] healthFailure = {null};
        Thread health = new Thread(() -> {
            try {
                healthy[0] = awaitHealthy(timeoutMillis);
            } catch (IOException e) {
                healthFailure[0] = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-healthz");
        health.setDaemon(true);
        health.start();
        long frame;
        try {
            frame = awaitFirstMjpegFrame(timeoutMillis, true);
        } finally {
            health.join(timeoutMillis);
        }
        if (healthFailure[0] != null) {
            throw healthFailure[0];
        }
        if (healthy[0] < 0) {
            throw new IOException("the platform did not become healthy within " + timeoutMillis + " ms");
        }
        return new long[] {healthy[0], frame};
    }

    /** Opens an MJPEG viewer; @return nanoseconds from spawn to its first whole frame. */
    long awaitFirstMjpegFrame(long timeoutMillis) throws IOException, InterruptedException {
        return awaitFirstMjpegFrame(timeoutMillis, false);
    }

    private long awaitFirstMjpegFrame(long timeoutMillis, boolean fromSpawn) throws IOException, InterruptedException {
        MjpegClient client = new MjpegClient("127.0.0.1", port, "/api/stream/mjpeg");
        Thread thread = new Thread(client, "bench-first-frame");
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        String lastFailure = null;
        try {
            while (System.nanoTime() < deadline) {
                if (client.frames > 0) {
                    return System.nanoTime() - spawnNanos;
                }
                if (client.failure != null) {
                    // From the spawn: not listening yet, no stream servlet yet (404), no access guard yet
                    // (503). After /healthz: the stream can still be a moment behind (404, 503).
                    if (!fromSpawn && !client.failure.contains(" 404 ") && !client.failure.contains(" 503 ")) {
                        throw new IOException("the first MJPEG viewer failed: " + client.failure);
                    }
                    if (!process.isAlive()) {
                        throw new IOException("the platform exited with " + process.exitValue() + " before its first frame");
                    }
                    lastFailure = client.failure;
                    client.stop();
                    Thread.sleep(POLL_MILLIS);
                    client = new MjpegClient("127.0.0.1", port, "/api/stream/mjpeg");
                    Thread retry = new Thread(client, "bench-first-frame");
                    retry.setDaemon(true);
                    retry.start();
                }
                Thread.sleep(1);
            }
            throw new IOException("no MJPEG frame within " + timeoutMillis + " ms (last failure: " + lastFailure + ")");
        } finally {
            client.stop();
        }
    }

    /** Runs jcmd against the platform; @return its output (empty if jcmd failed). */
    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(process.pid()));
        args.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output;
        try (InputStream in = jcmd.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0 ? output : "";
    }

    /** SIGTERM, as the platform is stopped in production; a kill only if it hangs. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
