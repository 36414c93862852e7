package org.cubekvm.usbgadget.internal;

/**
 * The HID report descriptors of the gadget's three functions, one comment per item. The report
 * layouts are the {@code HidSink} contract: keyboard 8 bytes (boot layout), relative mouse 4 bytes
 * (buttons, dx, dy, wheel), absolute mouse 6 bytes (buttons, x u16, y u16 in 0..32767, wheel).
 */
final class ReportDescriptors {
    private ReportDescriptors() {
    }

    /** Boot keyboard with the LED output report (Num, Caps, Scroll, Compose, Kana). */
    static byte[] keyboard() {
        return bytes(
                0x05, 0x01, //       Usage Page (Generic Desktop)
                0x09, 0x06, //       Usage (Keyboard)
                0xa1, 0x01, //       Collection (Application)
                0x05, 0x07, //         Usage Page (Keyboard/Keypad)
                0x19, 0xe0, //         Usage Minimum (Left Control)
                0x29, 0xe7, //         Usage Maximum (Right GUI)
                0x15, 0x00, //         Logical Minimum (0)
                0x25, 0x01, //         Logical Maximum (1)
                0x75, 0x01, //         Report Size (1)
                0x95, 0x08, //         Report Count (8)
                0x81, 0x02, //         Input (Data, Variable, Absolute): modifiers
                0x95, 0x01, //         Report Count (1)
                0x75, 0x08, //         Report Size (8)
                0x81, 0x01, //         Input (Constant): reserved byte
                0x05, 0x08, //         Usage Page (LEDs)
                0x19, 0x01, //         Usage Minimum (Num Lock)
                0x29, 0x05, //         Usage Maximum (Kana)
                0x95, 0x05, //         Report Count (5)
                0x75, 0x01, //         Report Size (1)
                0x91, 0x02, //         Output (Data, Variable, Absolute): LEDs
                0x95, 0x01, //         Report Count (1)
                0x75, 0x03, //         Report Size (3)
                0x91, 0x01, //         Output (Constant): LED padding
                0x05, 0x07, //         Usage Page (Keyboard/Keypad)
                0x19, 0x00, //         Usage Minimum (0)
                0x29, 0xff, //         Usage Maximum (255)
                0x15, 0x00, //         Logical Minimum (0)
                0x26, 0xff, 0x00, //   Logical Maximum (255)
                0x95, 0x06, //         Report Count (6)
                0x75, 0x08, //         Report Size (8)
                0x81, 0x00, //         Input (Data, Array): six key slots
                0xc0); //            End Collection
    }

    /** Relative mouse: 3 buttons, dx, dy, wheel, each -127..127. */
    static byte[] relativeMouse() {
        return bytes(
                0x05, 0x01, //       Usage Page (Generic Desktop)
                0x09, 0x02, //       Usage (Mouse)
                0xa1, 0x01, //       Collection (Application)
                0x09, 0x01, //         Usage (Pointer)
                0xa1, 0x00, //         Collection (Physical)
                0x05, 0x09, //           Usage Page (Button)
                0x19, 0x01, //           Usage Minimum (1)
                0x29, 0x03, //           Usage Maximum (3)
                0x15, 0x00, //           Logical Minimum (0)
                0x25, 0x01, //           Logical Maximum (1)
                0x95, 0x03, //           Report Count (3)
                0x75, 0x01, //           Report Size (1)
                0x81, 0x02, //           Input (Data, Variable, Absolute): buttons
                0x95, 0x01, //           Report Count (1)
                0x75, 0x05, //           Report Size (5)
                0x81, 0x01, //           Input (Constant): padding
                0x05, 0x01, //           Usage Page (Generic Desktop)
                0x09, 0x30, //           Usage (X)
                0x09, 0x31, //           Usage (Y)
                0x09, 0x38, //           Usage (Wheel)
                0x15, 0x81, //           Logical Minimum (-127)
                0x25, 0x7f, //           Logical Maximum (127)
                0x75, 0x08, //           Report Size (8)
                0x95, 0x03, //           Report Count (3)
                0x81, 0x06, //           Input (Data, Variable, Relative): dx, dy, wheel
                0xc0, //               End Collection
                0xc0); //            End Collection
    }

    /** Absolute mouse (a tablet): 3 buttons, x and y 0..32767, wheel -127..127. */
    static byte[] absoluteMouse() {
        return bytes(
                0x05, 0x01, //       Usage Page (Generic Desktop)
                0x09, 0x02, //       Usage (Mouse)
                0xa1, 0x01, //       Collection (Application)
                0x09, 0x01, //         Usage (Pointer)
                0xa1, 0x00, //         Collection (Physical)
                0x05, 0x09, //           Usage Page (Button)
                0x19, 0x01, //           Usage Minimum (1)
                0x29, 0x03, //           Usage Maximum (3)
                0x15, 0x00, //           Logical Minimum (0)
                0x25, 0x01, //           Logical Maximum (1)
                0x95, 0x03, //           Report Count (3)
                0x75, 0x01, //           Report Size (1)
                0x81, 0x02, //           Input (Data, Variable, Absolute): buttons
                0x95, 0x01, //           Report Count (1)
                0x75, 0x05, //           Report Size (5)
                0x81, 0x01, //           Input (Constant): padding
                0x05, 0x01, //           Usage Page (Generic Desktop)
                0x09, 0x30, //           Usage (X)
                0x09, 0x31, //           Usage (Y)
                0x15, 0x00, //           Logical Minimum (0)
                0x26, 0xff, 0x7f, //     Logical Maximum (32767)
                0x75, 0x10, //           Report Size (16)
                0x95, 0x02, //           Report Count (2)
                0x81, 0x02, //           Input (Data, Variable, Absolute): x, y
                0x09, 0x38, //           Usage (Wheel)
                0x15, 0x81, //           Logical Minimum (-127)
                0x25, 0x7f, //           Logical Maximum (127)
                0x75, 0x08, //           Report Size (8)
                0x95, 0x01, //           Report Count (1)
                0x81, 0x06, //           Input (Data, Variable, Relative): wheel
                0xc0, //               End Collection
                0xc0); //            End Collection
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }
}
