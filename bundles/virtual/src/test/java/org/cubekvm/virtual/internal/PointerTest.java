package org.cubekvm.virtual.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PointerTest {
    @ParameterizedTest
    @CsvSource({"1280x720, 0.25, 0.75", "1280x720, 0.75, 0.25", "1920x1080, 0.25, 0.75", "1920x1080, 0.5, 0.5"})
    void absolutePositionsLandWithinOnePercent(String resolution, double fx, double fy) {
        Machine machine = new Machine("en-US", Resolution.parse(resolution), false);
        machine.hid.mouseAbsolute(0, (int) Math.round(fx * 32767), (int) Math.round(fy * 32767), 0);
        assertEquals(fx, machine.content().pointerX(), 0.01);
        assertEquals(fy, machine.content().pointerY(), 0.01);
        Resolution size = Resolution.parse(resolution);
        assertEquals(fx * (size.width() - 1), machine.content().pointerPixelX(), 1.0);
        assertEquals(fy * (size.height() - 1), machine.content().pointerPixelY(), 1.0);
    }

    @Test
    void absoluteCornersMapToTheFirstAndLastPixel() {
        Machine machine = new Machine("en-US");
        machine.hid.mouseAbsolute(0, 0, 0, 0);
        assertEquals(0, machine.content().pointerPixelX());
        assertEquals(0, machine.content().pointerPixelY());
        machine.hid.mouseAbsolute(0, 32767, 32767, 0);
        assertEquals(1279, machine.content().pointerPixelX());
        assertEquals(719, machine.content().pointerPixelY());
        assertEquals(1.0, machine.content().pointerX());
        assertEquals(1.0, machine.content().pointerY());
    }

    @Test
    void relativeMovesAccumulateAndStopAtTheEdges() {
        Machine machine = new Machine("en-US");
        machine.hid.mouseAbsolute(0, 0, 0, 0);
        machine.hid.mouseRelative(0, 10, 20, 0);
        machine.hid.mouseRelative(0, 10, 20, 0);
        machine.hid.mouseRelative(0, -5, 0, 0);
        assertEquals(15, machine.content().pointerPixelX());
        assertEquals(40, machine.content().pointerPixelY());
        machine.hid.mouseRelative(0, -127, -127, 0);
        assertEquals(0, machine.content().pointerPixelX());
        assertEquals(0, machine.content().pointerPixelY());
        for (int i = 0; i < 20; i++) {
            machine.hid.mouseRelative(0, 127, 127, -1);
        }
        assertEquals(1279, machine.content().pointerPixelX());
        assertEquals(719, machine.content().pointerPixelY());
    }

    @Test
    void buttonsAreTracked() {
        Machine machine = new Machine("en-US");
        machine.hid.mouseRelative(1, 0, 0, 0);
        assertEquals(1, machine.content().buttons());
        machine.hid.mouseAbsolute(2 | 4, 100, 100, 3);
        assertEquals(6, machine.content().buttons());
        machine.hid.mouseRelative(0, 0, 0, 0);
        assertEquals(0, machine.content().buttons());
    }

    @Test
    void outOfRangeReportsAreRefused() {
        Machine machine = new Machine("en-US");
        assertThrows(IllegalArgumentException.class, () -> machine.hid.mouseAbsolute(0, 32768, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> machine.hid.mouseAbsolute(0, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> machine.hid.mouseRelative(0, 128, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> machine.hid.mouseRelative(0, 0, 0, -128));
    }

    @Test
    void theMarkStaysInPlaceWhenTheResolutionChanges() {
        Machine machine = new Machine("en-US");
        machine.hid.mouseAbsolute(0, 8192, 24575, 0);
        machine.screen.apply(Resolution.FULL_HD, false);
        machine.screen.renderTick();
        assertEquals(0.25, machine.content().pointerX(), 0.01);
        assertEquals(0.75, machine.content().pointerY(), 0.01);
    }
}
