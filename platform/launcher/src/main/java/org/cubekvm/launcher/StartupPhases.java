package org.cubekvm.launcher;

import java.util.StringJoiner;

/** How long each phase of the start took, for the "started in" log line (where a slow start goes). */
final class StartupPhases {
    private final StringJoiner phases = new StringJoiner(", ");
    private final long startNanos;
    private long lastNanos;

    StartupPhases() {
        startNanos = System.nanoTime();
        lastNanos = startNanos;
    }

    /** Ends the phase that ran since the previous mark. */
    void mark(String phase) {
        long now = System.nanoTime();
        phases.add(phase + " " + (now - lastNanos) / 1_000_000);
        lastNanos = now;
    }

    long totalMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public String toString() {
        return phases + " ms";
    }
}
