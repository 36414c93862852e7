package org.cubekvm.usbgadget.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cubekvm.api.hid.HidListener;
import org.cubekvm.api.hid.HidSink;
import org.cubekvm.api.hid.KeyboardLeds;

/**
 * The {@link HidSink} of the device: {@code hidg0} keyboard, {@code hidg1} relative mouse,
 * {@code hidg2} absolute mouse (the order {@link GadgetPlan} creates them in), each written by its
 * own {@link HidgDevice} thread; the keyboard's LED output reports come from a
 * {@link KeyboardLedReader}. Callers never block. Pointer reports are built in per-thread
 * scratch arrays and copied into the device ring, so nothing is allocated per report.
 */
class HidgSink implements HidSink {
    private final HidgDevice keyboard;
    private final HidgDevice mouse;
    private final HidgDevice absolute;
    private final KeyboardLedReader ledReader;
    private final List<HidListener> listeners = new CopyOnWriteArrayList<>();
    private final ThreadLocal<byte[]> relativeScratch = ThreadLocal.withInitial(() -> new byte[4]);
    private final ThreadLocal<byte[]> absoluteScratch = ThreadLocal.withInitial(() -> new byte[6]);
    private volatile KeyboardLeds leds = KeyboardLeds.OFF;
    private volatile boolean online;

    HidgSink(Path dev) {
        HidgDevice.OnlineListener onOnline = (device, now) -> onlineChanged();
        this.keyboard = device(dev.resolve("hidg0"), 8, onOnline);
        this.mouse = device(dev.resolve("hidg1"), 4, onOnline);
        this.absolute = device(dev.resolve("hidg2"), 6, onOnline);
        this.ledReader = ledReader(dev.resolve("hidg0"));
    }

    /** Seams for tests. */
    HidgDevice device(Path path, int length, HidgDevice.OnlineListener listener) {
        return new HidgDevice(path, length, listener);
    }

    KeyboardLedReader ledReader(Path path) {
        return new KeyboardLedReader(path, this::ledReport);
    }

    void start() {
        keyboard.start();
        mouse.start();
        absolute.start();
        ledReader.start();
    }

    void stop() {
        ledReader.stop();
        keyboard.stop();
        mouse.stop();
        absolute.stop();
    }

    @Override
    public void keyboard(byte[] report, int offset) {
        if (offset < 0 || report.length - offset < 8) {
            throw new IllegalArgumentException("a keyboard report has 8 bytes");
        }
        keyboard.offer(report, offset);
    }

    @Override
    public void mouseRelative(int buttons, int dx, int dy, int wheel) {
        byte[] r = relativeScratch.get();
        r[0] = (byte) (buttons & 0x07);
        r[1] = (byte) clamp(dx);
        r[2] = (byte) clamp(dy);
        r[3] = (byte) clamp(wheel);
        mouse.offer(r, 0);
    }

    @Override
    public void mouseAbsolute(int buttons, int x, int y, int wheel) {
        byte[] r = absoluteScratch.get();
        int cx = Math.max(0, Math.min(32767, x));
        int cy = Math.max(0, Math.min(32767, y));
        r[0] = (byte) (buttons & 0x07);
        r[1] = (byte) cx;
        r[2] = (byte) (cx >>> 8);
        r[3] = (byte) cy;
        r[4] = (byte) (cy >>> 8);
        r[5] = (byte) clamp(wheel);
        absolute.offer(r, 0);
    }

    private static int clamp(int value) {
        return Math.max(-127, Math.min(127, value));
    }

    @Override
    public boolean online() {
        return online;
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

    void ledReport(int bits) {
        KeyboardLeds now = new KeyboardLeds((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
        if (!now.equals(leds)) {
            leds = now;
            for (HidListener listener : listeners) {
                listener.ledsChanged(now);
            }
        }
    }

    private void onlineChanged() {
        boolean now = keyboard.online() || mouse.online() || absolute.online();
        if (now != online) {
            online = now;
            for (HidListener listener : listeners) {
                listener.onlineChanged(now);
            }
        }
    }
}
