package org.cubekvm.auth.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed attempts per key (a client address; a user name at a client address) in a
 * sliding window. When a key has {@code limit} failures in the window, further attempts are
 * refused without checking the password (so an attacker cannot burn CPU on PBKDF2 either) until
 * the oldest failure leaves the window. Refused attempts are not counted, so the right password
 * works again once the window has passed.
 *
 * <p>Memory is bounded ({@link #MAX_KEYS}) without ever forgetting everything at once: when full,
 * expired keys go first, then, a tenth at a time, the keys with the fewest failures and of
 * those the least recently failing. A key
 * that is failing right now (an attacker's) is the last to be forgotten, so a flood of distinct
 * names or addresses cannot clear it.
 */
final class LoginLimiter {
    /** Bounded memory: keys beyond this many are dropped, least recently failed first, by {@link #sweep()}. */
    static final int MAX_KEYS = 10_000;

    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final int maxKeys;
    private volatile int limit;
    private volatile long windowMillis;

    LoginLimiter(LongSupplier clock, int limit, long windowMillis) {
        this(clock, limit, windowMillis, MAX_KEYS);
    }

    LoginLimiter(LongSupplier clock, int limit, long windowMillis, int maxKeys) {
        this.clock = clock;
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.maxKeys = maxKeys;
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
        if (failures.size() >= maxKeys && !failures.containsKey(key)) {
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

    int size() {
        return failures.size();
    }

    synchronized void sweep() {
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
        if (failures.size() < maxKeys) {
            return;
        }
        // Still full of live keys: forget a tenth, those with the fewest failures first (a flood of
        // names fails once per name), then the least recently failing; a blocked key goes last.
        List<Standing> standings = new ArrayList<>(failures.size());
        for (Map.Entry<String, Deque<Long>> entry : failures.entrySet()) {
            Deque<Long> times = entry.getValue();
            synchronized (times) {
                standings.add(new Standing(entry.getKey(), times.size(), times.isEmpty() ? Long.MIN_VALUE : times.peekLast()));
            }
        }
        standings.sort(Comparator.comparingInt(Standing::failures).thenComparingLong(Standing::latest));
        int drop = Math.max(1, maxKeys / 10) + (standings.size() - maxKeys);
        for (int i = 0; i < drop && i < standings.size(); i++) {
            failures.remove(standings.get(i).key());
        }
    }

    private record Standing(String key, int failures, long latest) {
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowMillis) {
            times.removeFirst();
        }
    }
}
