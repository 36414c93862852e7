package org.cubekvm.capture.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyRequestLimiterTest {
    @Test
    void allowsFivePerSecondThenRefusesUntilTheWindowMoves() {
        KeyRequestLimiter limiter = new KeyRequestLimiter(5);
        long t = 10_000_000_000L;
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire(t + i * 1_000_000L), "request " + i);
        }
        assertFalse(limiter.tryAcquire(t + 500_000_000L));
        assertTrue(limiter.tryAcquire(t + 1_000_000_001L));
    }
}
