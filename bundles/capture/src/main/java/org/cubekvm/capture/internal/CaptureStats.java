package org.cubekvm.capture.internal;

import java.util.Arrays;
import org.cubekvm.common.metrics.LatencyBuckets;

/**
 * Per-channel figures for {@code /api/video/status}: fixed arrays written by the capture
 * thread per frame (no allocation); readers compute fps, bitrate and latency percentiles on
 * demand from a snapshot.
 */
final class CaptureStats {
    private static final int HISTORY = 256;

    private final long[] doneNanos = new long[HISTORY];
    private final int[] sizes = new int[HISTORY];
    private final long[] latencyMicros = new long[HISTORY];
    private int next;
    private int count;
    private volatile int lastWidth;
    private volatile int lastHeight;
    private volatile long lastFrameNanos;
    private final LatencyBuckets encodeLatency = new LatencyBuckets();
    private long framesEncoded;

    synchronized void record(long nowNanos, int size, long latency, int width, int height) {
        doneNanos[next] = nowNanos;
        sizes[next] = size;
        latencyMicros[next] = latency;
        next = (next + 1) % HISTORY;
        if (count < HISTORY) {
            count++;
        }
        lastWidth = width;
        lastHeight = height;
        lastFrameNanos = nowNanos;
        encodeLatency.observe(latency);
        framesEncoded++;
    }

    /** Capture → encode done of every frame since the channel was created, for {@code /metrics}. */
    synchronized org.cubekvm.api.metrics.HistogramSnapshot encodeLatency() {
        return encodeLatency.snapshot();
    }

    synchronized long framesEncoded() {
        return framesEncoded;
    }

    /** Frames in the last second. */
    synchronized double fps(long nowNanos) {
        int frames = 0;
        for (int i = 0; i < count; i++) {
            if (nowNanos - doneNanos[i] <= 1_000_000_000L) {
                frames++;
            }
        }
        return frames;
    }

    synchronized long bitrateKbps(long nowNanos) {
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            if (nowNanos - doneNanos[i] <= 1_000_000_000L) {
                bytes += sizes[i];
            }
        }
        return bytes * 8 / 1000;
    }

    /** Percentile (0..100) of the recent capture → encode-done latencies, 0 without frames. */
    long latencyPercentile(int percentile) {
        long[] copy;
        synchronized (this) {
            copy = Arrays.copyOf(latencyMicros, count);
        }
        if (copy.length == 0) {
            return 0;
        }
        Arrays.sort(copy);
        int index = (int) Math.ceil(percentile / 100.0 * copy.length) - 1;
        return copy[Math.max(0, Math.min(copy.length - 1, index))];
    }

    boolean hasSignal(long nowNanos) {
        return lastFrameNanos != 0 && nowNanos - lastFrameNanos < 2_000_000_000L;
    }

    int lastWidth() {
        return lastWidth;
    }

    int lastHeight() {
        return lastHeight;
    }
}
