package org.cubekvm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One operator uploading a virtual-media image during the memory benchmark's window: {@code PUT
 * /api/media/images/{name}} with a {@code Content-Length}, the body generated on the fly (a 64 KiB
 * pseudo-random block repeated, never the whole image in memory) and paced to a fixed rate, so the
 * upload is a steady stream through the window rather than a burst. {@link #delete} removes the
 * image afterwards.
 */
final class ImageUpload implements Runnable {
    static final String NAME = "bench-upload.img";
    private static final int BLOCK = 64 * 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final long size;
    private final long bytesPerSecond;
    private final Thread thread = new Thread(this, "bench-upload");
    private volatile long sent;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile int status = -1;
    private volatile String answer;

    ImageUpload(String base, long size, long bytesPerSecond) {
        this.base = base;
        this.size = size;
        this.bytesPerSecond = bytesPerSecond;
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long sent() {
        return sent;
    }

    boolean done() {
        return endNanos != 0;
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        long seconds = size / Math.max(1, bytesPerSecond) + 120;
        HttpRequest request = Auth.authorize(HttpRequest.newBuilder(URI.create(base + "/api/media/images/" + NAME)))
                .header("Content-Type", "application/octet-stream").header("Origin", base).timeout(Duration.ofSeconds(seconds))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(PacedBody::new), size))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            answer = response.body();
        } catch (IOException e) {
            answer = e.toString();
        } catch (InterruptedException e) {
            answer = "interrupted";
            Thread.currentThread().interrupt();
        } finally {
            endNanos = System.nanoTime();
        }
    }

    /** Waits for the answer (at most {@code timeoutMillis}); @return the upload's figures. */
    Map<String, Object> await(long timeoutMillis) throws InterruptedException {
        thread.join(timeoutMillis);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", NAME);
        result.put("bytes", size);
        result.put("rateLimitBytesPerSecond", bytesPerSecond);
        result.put("bytesSent", sent);
        result.put("status", status);
        result.put("completed", status == 201);
        if (status != 201) {
            result.put("answer", answer == null ? "no answer within " + timeoutMillis + " ms" : answer);
        }
        if (done()) {
            double seconds = (endNanos - startNanos) / 1e9;
            result.put("seconds", seconds);
            result.put("throughputBytesPerSecond", sent / seconds);
        }
        return result;
    }

    /** DELETE the image; @return the status (204 when it was there). */
    int delete() {
        return MemoryBench.status(http, Auth.authorize(HttpRequest.newBuilder(URI.create(base + "/api/media/images/" + NAME)))
                .header("Origin", base).timeout(Duration.ofSeconds(20)).DELETE().build());
    }

    /** The image's bytes: one pseudo-random block over and over, no faster than the rate. */
    private final class PacedBody extends InputStream {
        private final byte[] block = new byte[BLOCK];
        private long position;

        PacedBody() {
            new Random(size).nextBytes(block);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= size) {
                return -1;
            }
            long dueNanos = startNanos + position * 1_000_000_000L / bytesPerSecond;
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            int at = (int) (position % BLOCK);
            int n = (int) Math.min(Math.min(len, BLOCK - at), size - position);
            System.arraycopy(block, at, b, off, n);
            position += n;
            sent = position;
            return n;
        }
    }
}
