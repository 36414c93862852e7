package org.cubekvm.virtual.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.cubekvm.api.hid.KeyStroke;
import org.cubekvm.api.hid.KeyboardLayout;
import org.cubekvm.api.hid.KeyboardLayouts;
import org.cubekvm.keymap.internal.BuiltInKeyboardLayouts;

/** A virtual machine assembled without OSGi, with a clock the test controls and no renderer thread. */
final class Machine {
    static final KeyboardLayouts LAYOUTS = new BuiltInKeyboardLayouts();
    /** 2024-01-01 12:34:56 UTC. */
    static final long NOON_MICROS = 1_704_112_496_000_000L;

    final AtomicLong micros = new AtomicLong(NOON_MICROS);
    final VirtualPower power = new VirtualPower();
    final VirtualScreen screen;
    final VirtualHid hid;

    Machine(String layout, Resolution resolution, boolean animate) {
        screen = new VirtualScreen(resolution, animate, power, micros::get);
        hid = new VirtualHid(LAYOUTS, screen.content(), power, layout);
        power.addListener(hid);
    }

    Machine(String layout) {
        this(layout, Resolution.HD, false);
    }

    ScreenContent content() {
        return screen.content();
    }

    String typed() {
        return content().typedText();
    }

    /** Sends a report with these modifiers and keys. */
    void report(int modifiers, int... usages) {
        byte[] report = new byte[UsbKeyboardHost.REPORT_LENGTH];
        report[0] = (byte) modifiers;
        for (int i = 0; i < usages.length; i++) {
            report[2 + i] = (byte) usages[i];
        }
        hid.keyboard(report, 0);
    }

    /** Press and release, as a USB keyboard reports it. */
    void tap(int modifiers, int usage) {
        report(modifiers, usage);
        report(0);
    }

    /** Types text as paste would: the layout's strokes, each pressed and released. */
    void type(String text) {
        KeyboardLayout layout = LAYOUTS.layout(hid.layoutId());
        text.codePoints().forEach(cp -> {
            List<KeyStroke> strokes = layout.strokesFor(cp);
            if (strokes.isEmpty()) {
                throw new AssertionError(layout.id() + " cannot type U+" + Integer.toHexString(cp));
            }
            for (KeyStroke stroke : strokes) {
                tap(stroke.modifiers(), stroke.usage());
            }
        });
    }
}
