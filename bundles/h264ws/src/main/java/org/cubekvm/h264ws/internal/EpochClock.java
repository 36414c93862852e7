package org.cubekvm.h264ws.internal;

import java.time.Instant;

/**
 * Microseconds since the Unix epoch on the clock the frame time stamps use (the encoder's
 * {@code CLOCK_REALTIME}), without allocating per call: {@code nanoTime} elapsed since an anchor
 * taken with microsecond precision ({@link Instant#now()}; {@code currentTimeMillis} would put
 * the anchor up to 1 ms behind and make sub-millisecond latencies negative). The anchor is
 * renewed every 10 s so the monotonic clock cannot drift away from the wall clock (NTP slewing).
 */
final class EpochClock {
    private static final long REANCHOR_NANOS = 10_000_000_000L;

    private record Anchor(long epochMicros, long nanos) {
        static Anchor now() {
            Instant now = Instant.now();
            long nanos = System.nanoTime();
            return new Anchor(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000L, nanos);
        }
    }

    private static volatile Anchor anchor = Anchor.now();

    private EpochClock() {
    }

    static long micros() {
        long nanos = System.nanoTime();
        Anchor a = anchor;
        if (nanos - a.nanos() > REANCHOR_NANOS) {
            a = Anchor.now();
            anchor = a;
            nanos = a.nanos();
        }
        return a.epochMicros() + (nanos - a.nanos()) / 1000L;
    }
}
