package org.cubekvm.http.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of request bodies may be buffered at once, so that many parallel bodies cannot
 * fill a small heap. Two pools: bodies of at most {@link BodyLimits#DEFAULT_BYTES} (logins, keys,
 * settings) never compete with the large ones (pastes, certificates), so a client holding large
 * bodies open cannot stop a login.
 */
final class BodyBudget {
    private final AtomicLong smallFree;
    private final AtomicLong largeFree;

    BodyBudget(long smallBytes, long largeBytes) {
        smallFree = new AtomicLong(smallBytes);
        largeFree = new AtomicLong(largeBytes);
    }

    /** Takes {@code bytes} from the pool of a body with this cap; false when it does not fit now. */
    boolean reserve(long cap, long bytes) {
        AtomicLong pool = pool(cap);
        while (true) {
            long free = pool.get();
            if (free < bytes) {
                return false;
            }
            if (pool.compareAndSet(free, free - bytes)) {
                return true;
            }
        }
    }

    void release(long cap, long bytes) {
        pool(cap).addAndGet(bytes);
    }

    long free(long cap) {
        return pool(cap).get();
    }

    private AtomicLong pool(long cap) {
        return cap <= BodyLimits.DEFAULT_BYTES ? smallFree : largeFree;
    }
}
