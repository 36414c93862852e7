package org.cubekvm.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal MJPEG viewer over a raw socket with a small receive buffer, so what it reads
 * reflects what the server sends now (no kernel-side backlog on the client). Counts frames,
 * remembers the last seq and timestamp, and can pause reading.
 */
final class MjpegClient implements Runnable {
    private final String host;
    private final int port;
    private final String path;
    private volatile boolean stop;
    private volatile boolean paused;
    volatile long frames;
    volatile long bytes;
    volatile long lastSeq;
    volatile long lastTimestampMicros;
    volatile long longestGapNanos;
    volatile String failure;
    /** seq of the first frame read after the last pause ended. */
    volatile long firstSeqAfterPause = -1;
    private volatile boolean awaitingFirstAfterPause;
    /** seq of the last frame read before the last pause began. */
    volatile long lastSeqBeforePause = -1;
    /** The seqs of the first frames read after the last pause ended (old buffered ones, then new ones). */
    final java.util.List<Long> seqsAfterPause = new java.util.concurrent.CopyOnWriteArrayList<>();

    MjpegClient(String host, int port, String path) {
        this.host = host;
        this.port = port;
        this.path = path;
    }

    void pause(boolean value) {
        if (!value && paused) {
            seqsAfterPause.clear();
            awaitingFirstAfterPause = true;
        }
        paused = value;
    }

    void stop() {
        stop = true;
    }

    @Override
    public void run() {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String authorization = Auth.header() == null ? "" : "Authorization: " + Auth.header() + "\r\n";
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + authorization
                    + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            String status = line(in);
            if (!status.contains(" 200 ")) {
                failure = "HTTP status: " + status;
                return;
            }
            while (!line(in).isEmpty()) {
                // response headers
            }
            long lastFrameNanos = 0;
            byte[] buffer = new byte[64 * 1024];
            while (!stop) {
                if (paused) {
                    lastSeqBeforePause = lastSeq; // the last frame read before this reader stopped
                }
                while (paused && !stop) {
                    Thread.sleep(5);
                    lastFrameNanos = 0;
                }
                String boundary = line(in);
                if (boundary.isEmpty()) {
                    boundary = line(in);
                }
                if (!boundary.startsWith("--frame")) {
                    failure = "expected a boundary, got: " + boundary;
                    return;
                }
                int length = -1;
                long seq = -1;
                long timestamp = -1;
                for (String header = line(in); !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    String name = header.substring(0, colon).trim().toLowerCase();
                    String value = header.substring(colon + 1).trim();
                    switch (name) {
                        case "content-length" -> length = Integer.parseInt(value);
                        case "x-frame-seq" -> seq = Long.parseLong(value);
                        case "x-timestamp" -> timestamp = Long.parseLong(value);
                        default -> {
                        }
                    }
                }
                for (int remaining = length; remaining > 0; ) {
                    int n = in.read(buffer, 0, Math.min(buffer.length, remaining));
                    if (n < 0) {
                        throw new IOException("stream ended inside a frame");
                    }
                    remaining -= n;
                }
                long now = System.nanoTime();
                if (lastFrameNanos != 0) {
                    longestGapNanos = Math.max(longestGapNanos, now - lastFrameNanos);
                }
                lastFrameNanos = now;
                if (awaitingFirstAfterPause) {
                    firstSeqAfterPause = seq;
                    awaitingFirstAfterPause = false;
                }
                if (firstSeqAfterPause >= 0 && seqsAfterPause.size() < 12) {
                    seqsAfterPause.add(seq);
                }
                frames++;
                bytes += length;
                lastSeq = seq;
                lastTimestampMicros = timestamp;
            }
        } catch (IOException | RuntimeException e) {
            if (!stop) {
                failure = e.toString();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
