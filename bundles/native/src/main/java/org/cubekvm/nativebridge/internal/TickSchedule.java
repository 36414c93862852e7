package org.cubekvm.nativebridge.internal;

/**
 * The frame clock of a channel: ticks every 1/fps seconds on {@link System#nanoTime()}. A
 * consumer that stalled gets one frame at once and then the normal cadence again, never a
 * burst of the ticks it missed (a burst would only add latency downstream).
 */
final class TickSchedule {
    private volatile long periodNanos;
    private long next;
    private boolean started;

    TickSchedule(int fps) {
        setFps(fps);
    }

    /** May be called from any thread; the next tick after the current one uses the new rate. */
    void setFps(int fps) {
        if (fps < 1) {
            throw new IllegalArgumentException("fps must be at least 1, was " + fps);
        }
        periodNanos = 1_000_000_000L / fps;
    }

    long periodNanos() {
        return periodNanos;
    }

    /** When the next frame is due; the first one is due at once. */
    long next(long now) {
        if (!started) {
            started = true;
            next = now;
        }
        return next;
    }

    /** Called when the due tick was taken, at {@code now}. */
    void advance(long now) {
        long period = periodNanos;
        next += period;
        if (next - now <= 0) {
            next = now + period; // more than a period late: resynchronise instead of catching up
        }
    }
}
