package org.cubekvm.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Bounded memory without a global clear: a flood of new keys cannot unblock a key that is failing. */
class LoginLimiterTest {
    @Test
    void aFloodOfDistinctNamesDoesNotClearABlockedKey() {
        AtomicLong now = new AtomicLong(0);
        LoginLimiter limiter = new LoginLimiter(now::get, 5, 60_000, 1000);
        for (int i = 0; i < 5; i++) {
            limiter.failed("login:admin@198.51.100.7");
        }
        assertTrue(limiter.retryAfterSeconds("login:admin@198.51.100.7") > 0);
        for (int i = 0; i < 50_000; i++) {
            now.set(1 + i / 1000); // later failures than the blocked key's
            limiter.failed("login:user" + i + "@198.51.100." + (i % 250));
            assertTrue(limiter.size() <= 1000, "bounded: " + limiter.size());
        }
        assertTrue(limiter.retryAfterSeconds("login:admin@198.51.100.7") > 0, "still blocked after 50 000 other names");
    }

    @Test
    void whenFullTheKeysWithFewestFailuresGoFirstThenTheLeastRecent() {
        AtomicLong now = new AtomicLong(0);
        LoginLimiter limiter = new LoginLimiter(now::get, 3, 60_000, 10);
        limiter.failed("busy");
        limiter.failed("busy");
        for (int i = 0; i < 9; i++) {
            now.incrementAndGet();
            limiter.failed("once-" + i);
        }
        assertEquals(10, limiter.size());
        now.incrementAndGet();
        limiter.failed("new");
        // One tenth (1 key) went: the oldest of those failing once, not "busy".
        assertEquals(10, limiter.size());
        limiter.failed("busy");
        assertTrue(limiter.retryAfterSeconds("busy") > 0, "busy kept its two failures and is now at the limit");
        assertEquals(0, limiter.retryAfterSeconds("once-0"));
    }

    @Test
    void expiredKeysAreSweptBeforeAnyLiveOne() {
        AtomicLong now = new AtomicLong(0);
        LoginLimiter limiter = new LoginLimiter(now::get, 2, 1000, 4);
        limiter.failed("old-1");
        limiter.failed("old-2");
        now.set(500);
        limiter.failed("live");
        limiter.failed("live");
        limiter.failed("old-3");
        now.set(1200);
        limiter.failed("new");
        limiter.sweep();
        assertTrue(limiter.retryAfterSeconds("live") > 0, "a live blocked key survives the sweep");
        assertEquals(3, limiter.size(), "the two expired keys are gone: live, old-3, new");
    }
}
