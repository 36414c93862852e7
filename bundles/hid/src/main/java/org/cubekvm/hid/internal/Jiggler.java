package org.cubekvm.hid.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps the target awake: after {@link #IDLE_MILLIS} without input it moves the mouse one step
 * right and back (relative, no buttons). Its thread exists only while it is enabled.
 */
final class Jiggler {
    static final long IDLE_MILLIS = 60_000;
    private static final long CHECK_MILLIS = 10_000;

    private final Supplier<SinkWriter> writers;
    private volatile long lastInputNanos = System.nanoTime();
    private ScheduledExecutorService timer;

    Jiggler(Supplier<SinkWriter> writers) {
        this.writers = writers;
    }

    void inputSeen() {
        lastInputNanos = System.nanoTime();
    }

    synchronized void enable(boolean enabled) {
        if (enabled && timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "cubekvm-hid-jiggler");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::tick, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        } else if (!enabled && timer != null) {
            stop();
        }
    }

    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private void tick() {
        SinkWriter writer = writers.get();
        if (writer == null || System.nanoTime() - lastInputNanos < TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)
                || writer.lastButtons() != 0) {
            return;
        }
        writer.offerPointer(new PointerEvent(false, 0, 1, 0, 0));
        writer.offerPointer(new PointerEvent(false, 0, -1, 0, 0));
        lastInputNanos = System.nanoTime();
    }
}
