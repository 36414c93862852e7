package org.cubekvm.common.metrics;

import org.cubekvm.api.metrics.HistogramSnapshot;

/**
 * A fixed-bucket latency histogram for {@code /metrics}: observations in microseconds go into
 * preallocated counters (no allocation per frame); a scrape copies them out in seconds. Not
 * thread-safe: the owner synchronises (the capture and H.264 stats do).
 */
public final class LatencyBuckets {
    /** Upper bounds in microseconds: 1 ms … 1 s, enough to tell a 30 fps budget from a stall. */
    private static final long[] BOUNDS_MICROS = {1_000, 2_500, 5_000, 10_000, 20_000, 33_000, 50_000, 100_000,
        250_000, 500_000, 1_000_000};

    private final long[] counts = new long[BOUNDS_MICROS.length];
    private long count;
    private long sumMicros;

    public void observe(long micros) {
        long value = Math.max(0, micros);
        count++;
        sumMicros += value;
        for (int i = 0; i < BOUNDS_MICROS.length; i++) {
            if (value <= BOUNDS_MICROS[i]) {
                counts[i]++;
                return;
            }
        }
    }

    public HistogramSnapshot snapshot() {
        double[] bounds = new double[BOUNDS_MICROS.length];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = BOUNDS_MICROS[i] / 1e6;
        }
        return new HistogramSnapshot(bounds, counts.clone(), count, sumMicros / 1e6);
    }
}
