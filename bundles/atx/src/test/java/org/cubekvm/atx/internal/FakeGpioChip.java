package org.cubekvm.atx.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * A GPIO chip for tests: records every request, level change and release with the time of a
 * fake clock, as "t=200 set gpio503 0"; inputs read the levels the test puts in {@link #inputs}.
 * A line used after its release, or requested twice, fails the test.
 */
final class FakeGpioChip implements GpioLines {
    final List<String> events = new CopyOnWriteArrayList<>();
    final Map<Integer, Integer> inputs = new HashMap<>();
    private final Map<Integer, String> requested = new HashMap<>();
    private final LongSupplier clock;

    FakeGpioChip(LongSupplier clock) {
        this.clock = clock;
    }

    /** Lines requested and not released, by number: consumer. */
    synchronized Map<Integer, String> requested() {
        return Map.copyOf(requested);
    }

    /** The recorded events of output lines only (inputs are requested once at start). */
    List<String> outputEvents() {
        return events.stream().filter(e -> !e.contains(" input ") && !e.contains("in-")).toList();
    }

    @Override
    public synchronized Line output(int number, String consumer, int initialLevel) {
        claim(number, consumer);
        record("request gpio" + number + " output consumer=" + consumer + " level=" + initialLevel);
        return new FakeLine(number, true);
    }

    @Override
    public synchronized Line input(int number, String consumer) {
        claim(number, consumer);
        record("request gpio" + number + " input consumer=" + consumer);
        return new FakeLine(number, false);
    }

    private void claim(int number, String consumer) {
        if (requested.containsKey(number)) {
            throw new AssertionError("gpio" + number + " requested again while held by " + requested.get(number));
        }
        requested.put(number, consumer);
    }

    private void record(String event) {
        events.add("t=" + clock.getAsLong() + " " + event);
    }

    private final class FakeLine implements Line {
        private final int number;
        private final boolean output;
        private boolean released;

        FakeLine(int number, boolean output) {
            this.number = number;
            this.output = output;
        }

        @Override
        public void set(int level) throws IOException {
            synchronized (FakeGpioChip.this) {
                check();
                if (!output) {
                    throw new AssertionError("gpio" + number + " is an input");
                }
                record("set gpio" + number + " " + level);
            }
        }

        @Override
        public int get() throws IOException {
            synchronized (FakeGpioChip.this) {
                check();
                return inputs.getOrDefault(number, 1);
            }
        }

        @Override
        public void close() {
            synchronized (FakeGpioChip.this) {
                check();
                released = true;
                requested.remove(number);
                record("release gpio" + number + (output ? "" : " in-"));
            }
        }

        private void check() {
            if (released) {
                throw new AssertionError("gpio" + number + " used after its release");
            }
        }
    }
}
