package org.cubekvm.hid.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cubekvm.api.hid.HidListener;
import org.cubekvm.api.hid.HidSink;
import org.cubekvm.api.hid.KeyboardLeds;
import org.cubekvm.testsupport.Await;

/** A sink that records every report, as text: "kbd 02 00 04 ...", "rel b dx dy w", "abs b x y w". */
final class RecordingSink implements HidSink {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<HidListener> listeners = new CopyOnWriteArrayList<>();
    volatile KeyboardLeds leds = KeyboardLeds.OFF;

    @Override
    public void keyboard(byte[] report, int offset) {
        StringBuilder text = new StringBuilder("kbd");
        for (int i = 0; i < 8; i++) {
            text.append(String.format(" %02x", report[offset + i] & 0xff));
        }
        calls.add(text.toString());
    }

    @Override
    public void mouseRelative(int buttons, int dx, int dy, int wheel) {
        calls.add("rel " + buttons + " " + dx + " " + dy + " " + wheel);
    }

    @Override
    public void mouseAbsolute(int buttons, int x, int y, int wheel) {
        calls.add("abs " + buttons + " " + x + " " + y + " " + wheel);
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
    List<String> awaitCalls(int count) {
        Await.until(count + " reports at the sink", () -> calls.size() >= count);
        return new ArrayList<>(calls);
    }

    /**
     * Waits until {@code writer} has given this sink every report it accepted (its own state, not
     * a quiet period); call it once the producers under test have returned.
     */
    List<String> settle(SinkWriter writer) {
        Await.until("the sink writer to drain", writer::drained);
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
