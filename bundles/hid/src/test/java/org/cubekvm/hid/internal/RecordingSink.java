package org.cubekvm.hid.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cubekvm.api.hid.HidListener;
import org.cubekvm.api.hid.HidSink;
import org.cubekvm.api.hid.KeyboardLeds;

/** A sink that records every report, as text: "kbd 02 00 04 ...", "rel b dx dy w", "abs b x y w". */
final class RecordingSink implements HidSink {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<HidListener> listeners = new CopyOnWriteArrayList<>();
    volatile KeyboardLeds leds = KeyboardLeds.OFF;
    volatile long writeDelayMillis;

    @Override
    public void keyboard(byte[] report, int offset) {
        pause();
        StringBuilder text = new StringBuilder("kbd");
        for (int i = 0; i < 8; i++) {
            text.append(String.format(" %02x", report[offset + i] & 0xff));
        }
        calls.add(text.toString());
    }

    @Override
    public void mouseRelative(int buttons, int dx, int dy, int wheel) {
        pause();
        calls.add("rel " + buttons + " " + dx + " " + dy + " " + wheel);
    }

    @Override
    public void mouseAbsolute(int buttons, int x, int y, int wheel) {
        pause();
        calls.add("abs " + buttons + " " + x + " " + y + " " + wheel);
    }

    private void pause() {
        if (writeDelayMillis > 0) {
            try {
                Thread.sleep(writeDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean online() {
        return true;
    }

    @Override
    public KeyboardLeds leds() {
        return leds;
    }

    @Override
    public void addListener(HidListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(HidListener listener) {
        listeners.remove(listener);
    }

    /** Waits until {@code count} calls were recorded (the writers are asynchronous). */
    List<String> awaitCalls(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (calls.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        return new ArrayList<>(calls);
    }

    /**
     * Waits (polling, 30 s deadline) until {@code writer} has given this sink every report it
     * accepted; call it once the producers under test have returned.
     */
    List<String> settle(SinkWriter writer) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!writer.drained()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sink writer still had reports in flight after 30 s");
            }
            Thread.sleep(5);
        }
        return new ArrayList<>(calls);
    }

    static String keyboard(int... bytes) {
        int[] report = Arrays.copyOf(bytes, 8);
        StringBuilder text = new StringBuilder("kbd");
        for (int b : report) {
            text.append(String.format(" %02x", b));
        }
        return text.toString();
    }
}
