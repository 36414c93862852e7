package org.cubekvm.hid.internal;

import java.util.concurrent.atomic.LongAdder;
import org.cubekvm.api.hid.HidListener;
import org.cubekvm.api.hid.HidSink;
import org.cubekvm.api.hid.KeyboardLeds;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bench profile's stand-in for the USB gadget: a {@link HidSink} that takes every report and
 * counts it, like {@code /dev/hidgN} on a host that is always listening (no LEDs ever change).
 * Only exists when its configuration does ({@code config/bench/org.cubekvm.hid.sink.counting.cfg}),
 * so no other profile ever sees it. The hid bundle's status counters show what it was given.
 */
@Component(name = CountingHidSink.PID, configurationPid = CountingHidSink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = HidSink.class)
public class CountingHidSink implements HidSink {
    static final String PID = "org.cubekvm.hid.sink.counting";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.hid");

    private final LongAdder keyboardReports = new LongAdder();
    private final LongAdder pointerReports = new LongAdder();

    public CountingHidSink() {
        LOG.info("HID reports are counted and dropped (bench profile)");
    }

    @Override
    public void keyboard(byte[] report, int offset) {
        keyboardReports.increment();
    }

    @Override
    public void mouseRelative(int buttons, int dx, int dy, int wheel) {
        pointerReports.increment();
    }

    @Override
    public void mouseAbsolute(int buttons, int x, int y, int wheel) {
        pointerReports.increment();
    }

    @Override
    public boolean online() {
        return true;
    }

    @Override
    public KeyboardLeds leds() {
        return KeyboardLeds.OFF;
    }

    @Override
    public void addListener(HidListener listener) {
        // LEDs and the line never change
    }

    @Override
    public void removeListener(HidListener listener) {
        // nothing registered
    }

    long keyboardReports() {
        return keyboardReports.sum();
    }

    long pointerReports() {
        return pointerReports.sum();
    }
}
