package org.cubekvm.capture.internal;

/**
 * At most {@code perSecond} key-frame requests from one viewer in any one-second window, so a
 * PLI storm never becomes an IDR storm. Allocation-free; not thread-safe (the viewer locks).
 */
final class KeyRequestLimiter {
    private final long[] recent;
    private int next;

    KeyRequestLimiter(int perSecond) {
        recent = new long[perSecond];
    }

    /** @return true when a request at {@code nowNanos} is allowed (and counts it) */
    boolean tryAcquire(long nowNanos) {
        long oldest = recent[next];
        if (oldest != 0 && nowNanos - oldest < 1_000_000_000L) {
            return false;
        }
        recent[next] = nowNanos == 0 ? 1 : nowNanos;
        next = (next + 1) % recent.length;
        return true;
    }
}
