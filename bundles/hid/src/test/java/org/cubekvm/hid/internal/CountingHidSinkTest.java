package org.cubekvm.hid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cubekvm.api.hid.KeyboardLeds;
import org.junit.jupiter.api.Test;

class CountingHidSinkTest {
    @Test
    void countsEveryReportAndIsAlwaysOnlineWithoutLeds() {
        CountingHidSink sink = new CountingHidSink();
        sink.keyboard(new byte[8], 0);
        sink.keyboard(new byte[8], 0);
        sink.mouseRelative(1, 2, 3, 0);
        sink.mouseAbsolute(0, 100, 200, 0);
        sink.mouseAbsolute(0, 101, 200, 0);

        assertEquals(2, sink.keyboardReports());
        assertEquals(3, sink.pointerReports());
        assertTrue(sink.online());
        assertEquals(KeyboardLeds.OFF, sink.leds());
    }

    @Test
    void keepsThePidTheBenchProfileConfigures() {
        assertEquals("org.cubekvm.hid.sink.counting", CountingHidSink.PID);
    }
}
