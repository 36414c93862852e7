package org.cubekvm.h264ws.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochClockTest {

    private static long instantMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000L;
    }

    /** Sub-millisecond write latencies must not come out negative: the clock agrees with the wall clock to well under 1 ms. */
    @Test
    void agreesWithTheWallClockWithinMicroseconds() {
        for (int i = 0; i < 1000; i++) {
            long before = instantMicros();
            long clock = EpochClock.micros();
            long after = instantMicros();
            assertTrue(clock >= before - 500 && clock <= after + 500, "clock " + clock + " outside [" + before + ", " + after + "]");
        }
    }

    @Test
    void neverGoesBackwardsWithinAnAnchor() {
        long previous = EpochClock.micros();
        for (int i = 0; i < 10_000; i++) {
            long now = EpochClock.micros();
            assertTrue(now >= previous);
            previous = now;
        }
    }
}
