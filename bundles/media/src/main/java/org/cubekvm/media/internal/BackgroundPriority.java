package org.cubekvm.media.internal;

import java.util.function.Supplier;

/**
 * Runs a long copy (an upload's body into the image store) on a thread of its own at
 * {@link Thread#MIN_PRIORITY} and waits for it, so that the copy takes only the CPU that capture and
 * the viewers leave.
 * <p>
 * Java priorities reach Linux only with {@code -XX:ThreadPriorityPolicy=1}; the device's JVM options
 * (config/jvm/device.options) map priority 1 to nice 10 and leave every other thread at nice 0. A
 * capture thread that wakes up then preempts the copy at once instead of waiting in the run queue
 * behind it (BENCHMARKS.md, "Frame gaps during an upload: where they come from"). Without those
 * options the priority is ignored and this only costs a thread start per upload.
 * <p>
 * A thread of its own, not the request's: anyone may lower a thread's nice value, but raising it
 * again needs root, so a pooled Jetty thread must never be the one lowered (it would serve every
 * later request at the lower priority).
 */
final class BackgroundPriority {
    private BackgroundPriority() {
    }

    /**
     * Runs {@code work} on a new daemon thread named {@code threadName} at {@link Thread#MIN_PRIORITY}
     * and returns its result, or throws what it threw. When the waiting thread is interrupted, the
     * worker is interrupted too and still waited for (it cleans up after itself before it ends).
     */
    static <T> T call(String threadName, Supplier<T> work) {
        Outcome<T> outcome = new Outcome<>();
        Thread worker = new Thread(() -> {
            try {
                outcome.value = work.get();
            } catch (Throwable failure) {
                outcome.failure = failure;
            }
        }, threadName);
        worker.setDaemon(true);
        worker.setPriority(Thread.MIN_PRIORITY);
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                worker.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (outcome.failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (outcome.failure instanceof Error error) {
            throw error;
        }
        if (outcome.failure != null) {
            throw new IllegalStateException(outcome.failure);
        }
        return outcome.value;
    }

    /** Written by the worker before it ends, read after join (which orders the two). */
    private static final class Outcome<T> {
        T value;
        Throwable failure;
    }
}
