package org.cubekvm.api.hid;

/** HID boot keyboard modifier bits (byte 0 of a keyboard report). */
@org.osgi.annotation.versioning.ProviderType
public interface Modifiers {
    int LEFT_CTRL = 0x01;
    int LEFT_SHIFT = 0x02;
    int LEFT_ALT = 0x04;
    int LEFT_GUI = 0x08;
    int RIGHT_CTRL = 0x10;
    int RIGHT_SHIFT = 0x20;
    /** AltGr on European layouts. */
    int RIGHT_ALT = 0x40;
    int RIGHT_GUI = 0x80;
    int ANY_SHIFT = LEFT_SHIFT | RIGHT_SHIFT;
    int ANY_CTRL = LEFT_CTRL | RIGHT_CTRL;
}
