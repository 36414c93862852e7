package org.cubekvm.auth.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per key (a client address, a user name) in a sliding window. When a key
 * has {@code limit} failures in the window, further attempts are refused without checking the
 * password (so an attacker cannot burn CPU on PBKDF2 either) until the oldest failure leaves
 * the window. Refused attempts are not counted, so the right password works again once the
 * window has passed.
 */
final class LoginLimiter {
    /** Bounded memory: keys beyond this many are dropped oldest-first by {@link #sweep()}. */
    static final int MAX_KEYS = 10_000;

    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private volatile int limit;
    private volatile long windowMillis;

    LoginLimiter(LongSupplier clock, int limit, long windowMillis) {
        this.clock = clock;
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    void configure(int newLimit, long newWindowMillis) {
        this.limit = newLimit;
        this.windowMillis = newWindowMillis;
    }

    /** @return 0 when {@code key} may try, else the seconds until it may (at least 1) */
    long retryAfterSeconds(String key) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        long now = clock.getAsLong();
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return 0;
            }
            long waitMillis = times.peekFirst() + windowMillis - now;
            return Math.max(1, (waitMillis + 999) / 1000);
        }
    }

    void failed(String key) {
        if (failures.size() >= MAX_KEYS) {
            sweep();
        }
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        long now = clock.getAsLong();
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
            while (times.size() > limit) {
                times.removeFirst();
            }
        }
    }

    void succeeded(String key) {
        failures.remove(key);
    }

    void sweep() {
        long now = clock.getAsLong();
        for (Iterator<Map.Entry<String, Deque<Long>>> it = failures.entrySet().iterator(); it.hasNext();) {
            Deque<Long> times = it.next().getValue();
            synchronized (times) {
                prune(times, now);
                if (times.isEmpty()) {
                    it.remove();
                }
            }
        }
        if (failures.size() >= MAX_KEYS) {
            // Under a flood of distinct addresses: forget everything rather than grow without bound.
            failures.clear();
        }
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowMillis) {
            times.removeFirst();
        }
    }
}
