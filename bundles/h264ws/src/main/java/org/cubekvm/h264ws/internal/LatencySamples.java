package org.cubekvm.h264ws.internal;

import java.util.Arrays;

/** The most recent latency samples (µs) with percentiles on demand; recording allocates nothing. */
final class LatencySamples {
    private final long[] samples;
    private int next;
    private int count;

    LatencySamples(int capacity) {
        samples = new long[capacity];
    }

    synchronized void record(long micros) {
        samples[next] = micros;
        next = (next + 1) % samples.length;
        if (count < samples.length) {
            count++;
        }
    }

    long percentile(int percentile) {
        long[] copy;
        synchronized (this) {
            copy = Arrays.copyOf(samples, count);
        }
        if (copy.length == 0) {
            return 0;
        }
        Arrays.sort(copy);
        int index = (int) Math.ceil(percentile / 100.0 * copy.length) - 1;
        return copy[Math.max(0, Math.min(copy.length - 1, index))];
    }

    synchronized void clear() {
        next = 0;
        count = 0;
    }
}
