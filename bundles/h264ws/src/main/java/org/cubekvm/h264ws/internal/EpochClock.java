package org.cubekvm.h264ws.internal;

/** Microseconds since the Unix epoch without allocating (used per frame). */
final class EpochClock {
    private static final long BASE_EPOCH_MICROS = System.currentTimeMillis() * 1000L;
    private static final long BASE_NANOS = System.nanoTime();

    private EpochClock() {
    }

    static long micros() {
        return BASE_EPOCH_MICROS + (System.nanoTime() - BASE_NANOS) / 1000L;
    }
}
