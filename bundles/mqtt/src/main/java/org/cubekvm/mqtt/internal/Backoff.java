package org.cubekvm.mqtt.internal;

/** Reconnection delays: 1 s, doubling, capped; back to 1 s after a connection succeeded. */
final class Backoff {
    private final long maxMillis;
    private long nextMillis = 1000;

    Backoff(int maxSeconds) {
        this.maxMillis = maxSeconds * 1000L;
    }

    long next() {
        long delay = Math.min(nextMillis, maxMillis);
        nextMillis = Math.min(nextMillis * 2, maxMillis);
        return delay;
    }

    void reset() {
        nextMillis = 1000;
    }
}
