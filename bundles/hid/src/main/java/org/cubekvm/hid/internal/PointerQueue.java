package org.cubekvm.hid.internal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounded queue of mouse reports that never blocks the producer. When it holds
 * {@code capacity} reports, a new one is merged into the newest queued one (newest position
 * wins); a button change cannot be merged without losing a click, so it may use a small
 * reserve above the capacity; past that it is dropped and counted (only a client flooding
 * button changes faster than the sink writes gets there).
 */
final class PointerQueue {
    enum Offer { QUEUED, COALESCED, DROPPED }

    private final int capacity;
    private final int hardLimit;
    private final ArrayDeque<PointerEvent> events;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();

    PointerQueue(int capacity, int reserve) {
        this.capacity = capacity;
        this.hardLimit = capacity + reserve;
        this.events = new ArrayDeque<>(hardLimit);
    }

    Offer offer(PointerEvent event) {
        lock.lock();
        try {
            if (events.size() >= capacity) {
                PointerEvent merged = events.peekLast().mergeWith(event);
                if (merged != null) {
                    events.pollLast();
                    events.addLast(merged);
                    return Offer.COALESCED;
                }
                if (events.size() >= hardLimit) {
                    return Offer.DROPPED;
                }
            }
            events.addLast(event);
            notEmpty.signal();
            return Offer.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest report, waiting up to {@code timeoutMillis}; null if none came. */
    PointerEvent poll(long timeoutMillis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lockInterruptibly();
        try {
            while (events.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return events.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }
}
