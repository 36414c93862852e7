package org.cubekvm.mjpeg.internal;

import java.util.Arrays;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes MJPEG viewers that wait for their socket to drain ({@link SendGate}): one thread for all
 * viewers, started on the first wait and ended after {@link #IDLE_EXIT_NANOS} without one. While
 * any viewer waits it looks every {@code tickNanos} (one {@code ioctl} per waiting viewer), else
 * it parks. Only viewers on a link slower than the stream ever wait: on a fast link a frame has
 * left before the next one is announced. Allocation free per tick.
 */
final class SendPacer {
    /** A viewer that may be waiting. */
    interface Waiter {
        /** Resumes the viewer if its wait is over; @return whether it still waits. */
        boolean resumeIfDue(long nowNanos);
    }

    static final long IDLE_EXIT_NANOS = 10_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.mjpeg");
    private static final Waiter[] NONE = {};

    private final long tickNanos;
    private final ThreadFactory threads;
    private volatile Waiter[] waiters = NONE;
    private Thread thread;
    private boolean stopped;
    /** A wake since the thread last looked: it must not end before looking again. */
    private boolean woken;

    SendPacer(long tickNanos, String threadName) {
        this(tickNanos, run -> {
            Thread thread = new Thread(run, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @param threads makes the pacer's thread (tests drive {@link Waiter}s by hand with one that does not run it) */
    SendPacer(long tickNanos, ThreadFactory threads) {
        this.tickNanos = tickNanos;
        this.threads = threads;
    }

    synchronized void add(Waiter waiter) {
        Waiter[] grown = Arrays.copyOf(waiters, waiters.length + 1);
        grown[grown.length - 1] = waiter;
        waiters = grown;
    }

    synchronized void remove(Waiter waiter) {
        Waiter[] current = waiters;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == waiter) {
                Waiter[] shrunk = new Waiter[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, i);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                waiters = shrunk;
                return;
            }
        }
    }

    /** A viewer started waiting: look at it within one tick. Never blocks. */
    void wake() {
        Thread t;
        synchronized (this) {
            if (stopped) {
                return;
            }
            woken = true;
            t = thread;
            if (t == null) {
                t = threads.newThread(this::run);
                thread = t;
                t.start();
            }
        }
        LockSupport.unpark(t);
    }

    /** Ends the thread (bundle stopping); viewers still waiting are ended by their owner. */
    void stop() {
        Thread t;
        synchronized (this) {
            stopped = true;
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    int waiters() {
        return waiters.length;
    }

    synchronized boolean running() {
        return thread != null;
    }

    private void run() {
        long idleSince = System.nanoTime();
        while (true) {
            synchronized (this) {
                if (stopped) {
                    thread = null;
                    return;
                }
                woken = false;
            }
            boolean waiting = false;
            long now = System.nanoTime();
            for (Waiter waiter : waiters) {
                try {
                    waiting |= waiter.resumeIfDue(now);
                } catch (RuntimeException e) {
                    LOG.warn("mjpeg: a waiting viewer failed to resume: {}", e.toString());
                }
            }
            if (waiting) {
                idleSince = now;
                LockSupport.parkNanos(this, tickNanos);
                continue;
            }
            synchronized (this) {
                if (!woken && now - idleSince >= IDLE_EXIT_NANOS) {
                    thread = null;
                    return;
                }
            }
            LockSupport.parkNanos(this, IDLE_EXIT_NANOS);
        }
    }
}
