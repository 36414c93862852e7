package org.cubekvm.testsupport;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait for another thread or process when there is no event to wait on:
 * poll a condition until it holds, and fail with a message naming what was awaited once the
 * deadline has passed. The deadline only bounds a broken run (it is generous: the build machine
 * is shared and slow); a passing run never waits for it, so no test depends on timing.
 *
 * <p>Prefer a latch, a future or a test hook where the code under test offers one; use this where
 * the only evidence is state that another thread changes (a counter, a file a fake writes, a
 * socket that starts to accept).
 */
public final class Await {
    /** The deadline when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** First pause between two polls; doubled after each miss up to {@link #MAX_PAUSE}. */
    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(1).toNanos();
    private static final long MAX_PAUSE_NANOS = Duration.ofMillis(50).toNanos();
    /** The longest pause between two polls. */
    public static final Duration MAX_PAUSE = Duration.ofNanos(MAX_PAUSE_NANOS);

    private Await() {
    }

    /** Waits until {@code condition} holds, at most {@link #DEFAULT_TIMEOUT}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @param what what is awaited, for the failure message ("the sink writer drained")
     * @throws AssertionError when the condition still does not hold after {@code timeout}, or the
     *         waiting thread is interrupted (its interrupt flag stays set)
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** As {@link #value(String, Duration, Supplier)} with {@link #DEFAULT_TIMEOUT}. */
    public static <T> T value(String what, Supplier<T> probe) {
        return value(what, DEFAULT_TIMEOUT, probe);
    }

    /**
     * Polls {@code probe} until it returns something other than null and returns that.
     *
     * @throws AssertionError when the probe still returns null after {@code timeout}, or the
     *         waiting thread is interrupted (its interrupt flag stays set)
     */
    public static <T> T value(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            // The pause between polls (not a wait for anything): short at first, so a passing run is quick.
            LockSupport.parkNanos(pause);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }
}
