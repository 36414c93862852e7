package org.cubekvm.http.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * Lets Felix's Jetty pool give back the threads it does not use. Felix reads only
 * {@code org.apache.felix.http.jetty.threadpool.max} and builds {@code new QueuedThreadPool(max)}, whose
 * minimum is then also {@code max}, and starts that many threads with the server: with 8, all 8 stayed for
 * ever, 5 of them idle under the budget load (the others: selector, acceptor, one reserved), each holding the
 * ~90 KB of stack it touched plus its JVM thread structures. So Felix's maximum is only the number of threads
 * the server starts with (framework properties: 4, the least Jetty accepts with an HTTP and an HTTPS
 * connector), and this sets the real maximum ({@code cubekvm.http.threadpool.max}), the minimum Felix ignores
 * ({@code threadpool.min}) and a short idle timeout, and lets every surplus thread go in one idle period
 * (Jetty's default evicts one per period: six minutes for six threads). A burst still gets up to the
 * maximum; the price is starting a thread again after a quiet spell (well under a millisecond).
 */
final class IdlePoolThreads {
    static final String MIN_PROPERTY = "org.apache.felix.http.jetty.threadpool.min";
    static final String MAX_PROPERTY = "cubekvm.http.threadpool.max";
    static final String IDLE_MILLIS_PROPERTY = "cubekvm.http.threadpool.idleTimeoutMillis";
    static final int DEFAULT_MIN = 2;
    static final int DEFAULT_MAX = 8;
    static final int DEFAULT_IDLE_MILLIS = 5_000;

    private static final long WAKE_MILLIS = 20;

    private final int min;
    private final int max;
    private final int idleMillis;

    private IdlePoolThreads(int min, int max, int idleMillis) {
        this.min = min;
        this.max = max;
        this.idleMillis = idleMillis;
    }

    /** The framework properties' values (null: the default); a bad one is an error naming it. */
    static IdlePoolThreads of(String min, String max, String idleMillis) {
        int parsedMin = parse(MIN_PROPERTY, min, DEFAULT_MIN, 1, 64);
        int parsedMax = parse(MAX_PROPERTY, max, DEFAULT_MAX, Math.max(parsedMin, 4), 64);
        int parsedIdle = parse(IDLE_MILLIS_PROPERTY, idleMillis, DEFAULT_IDLE_MILLIS, 100, 3_600_000);
        return new IdlePoolThreads(parsedMin, parsedMax, parsedIdle);
    }

    private static int parse(String name, String value, int fallback, int low, int high) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= low && parsed <= high) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("framework property " + name + " must be " + low + ".." + high + ", was " + value);
    }

    /**
     * Applies the maximum, minimum and idle timeout to a running or stopped pool; other pools are left alone.
     * @return whether the pool now has this idle timeout
     */
    boolean applyTo(ThreadPool pool) {
        if (!(pool instanceof QueuedThreadPool queued)) {
            return false;
        }
        queued.setMaxThreads(max);
        try {
            queued.setIdleTimeout(idleMillis);
        } catch (IllegalStateException running) {
            // Jetty 12.0 sets the pool's own timeout first, then refuses to change the running reserved-thread
            // executor's (at most one thread here, which keeps Jetty's 60 s); the test pins that order.
        }
        queued.setMaxEvictCount(max);
        if (queued.isRunning()) {
            restartIdleCount(queued);
        }
        queued.setMinThreads(min); // of() keeps it at most the maximum
        if (queued.isRunning()) {
            wakeIdleThreads(queued);
        }
        return queued.getIdleTimeout() == idleMillis;
    }

    /**
     * Jetty evicts no thread until the newest one has been idle for the timeout it had when it started
     * (60 s for Felix's threads). Starting one more thread now (it is surplus too and ends with the others)
     * restarts that count with the new timeout.
     */
    private void restartIdleCount(QueuedThreadPool pool) {
        int oneMore = pool.getThreads() + 1;
        pool.setMaxThreads(Math.max(max, oneMore));
        pool.setMinThreads(oneMore);
        pool.setMaxThreads(max);
    }

    /**
     * Threads already waiting for a job wait with the old timeout: one short job per idle thread, each
     * holding its thread until all have started (at most 20 ms), so every one of them waits again with the
     * new timeout (a thread that finished an empty job would take the next one instead of another thread).
     */
    private static void wakeIdleThreads(QueuedThreadPool pool) {
        int idle = pool.getIdleThreads();
        CountDownLatch started = new CountDownLatch(idle);
        for (int i = 0; i < idle; i++) {
            pool.execute(() -> {
                started.countDown();
                try {
                    started.await(WAKE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    int idleMillis() {
        return idleMillis;
    }
}
