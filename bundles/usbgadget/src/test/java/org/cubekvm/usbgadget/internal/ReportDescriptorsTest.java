package org.cubekvm.usbgadget.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cubekvm.usbgadget.internal.HidDescriptorParser.Field;
import org.cubekvm.usbgadget.internal.HidDescriptorParser.Parsed;
import org.junit.jupiter.api.Test;

/** The descriptors describe exactly the report layouts of the HidSink contract, as a host parses them. */
class ReportDescriptorsTest {
    @Test
    void keyboardIsTheBootLayoutWithLeds() {
        Parsed p = HidDescriptorParser.parse(ReportDescriptors.keyboard());
        assertEquals(p.collectionsOpened(), p.collectionsClosed());
        assertEquals(0x01, p.applicationUsagePage());
        assertEquals(0x06, p.applicationUsage(), "Usage (Keyboard)");
        assertEquals(64, p.bits("input"), "8-byte input report");
        List<Field> in = p.of("input");
        assertEquals(0x07, in.get(0).usagePage());
        assertEquals(0xe0, in.get(0).usageMin());
        assertEquals(0xe7, in.get(0).usageMax());
        assertTrue(in.get(0).variable(), "modifiers are bits");
        assertTrue(in.get(1).constant(), "reserved byte");
        Field keys = in.get(2);
        assertEquals(6, keys.reportCount());
        assertEquals(8, keys.reportSize());
        assertFalse(keys.variable(), "key slots are an array");
        assertEquals(255, keys.logicalMax());
        assertEquals(8, p.bits("output"), "one LED byte");
        Field leds = p.of("output").get(0);
        assertEquals(0x08, leds.usagePage());
        assertEquals(1, leds.usageMin());
        assertEquals(5, leds.usageMax());
    }

    @Test
    void relativeMouseIsButtonsAndThreeSignedBytes() {
        Parsed p = HidDescriptorParser.parse(ReportDescriptors.relativeMouse());
        assertEquals(2, p.collectionsOpened());
        assertEquals(p.collectionsOpened(), p.collectionsClosed());
        assertEquals(0x02, p.applicationUsage(), "Usage (Mouse)");
        assertEquals(32, p.bits("input"), "4-byte report");
        Field motion = p.of("input").get(2);
        assertEquals(List.of(0x30, 0x31, 0x38), motion.usages());
        assertEquals(-127, motion.logicalMin());
        assertEquals(127, motion.logicalMax());
        assertTrue(motion.relative());
        assertEquals(0, p.bits("output"));
    }

    @Test
    void absoluteMouseIsButtonsTwoWordsAndAWheel() {
        Parsed p = HidDescriptorParser.parse(ReportDescriptors.absoluteMouse());
        assertEquals(p.collectionsOpened(), p.collectionsClosed());
        assertEquals(48, p.bits("input"), "6-byte report");
        Field xy = p.of("input").get(2);
        assertEquals(List.of(0x30, 0x31), xy.usages());
        assertEquals(16, xy.reportSize());
        assertEquals(0, xy.logicalMin());
        assertEquals(32767, xy.logicalMax());
        assertFalse(xy.relative());
        Field wheel = p.of("input").get(3);
        assertEquals(List.of(0x38), wheel.usages());
        assertTrue(wheel.relative());
    }
}
