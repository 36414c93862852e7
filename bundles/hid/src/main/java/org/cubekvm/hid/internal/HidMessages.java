package org.cubekvm.hid.internal;

import java.nio.ByteBuffer;

/**
 * The binary client→server protocol of {@code /api/hid} (docs/api.md), validated without allocating:
 * <pre>
 * [0x00]                     heartbeat
 * [0x03]                     release every key and button
 * [0x01][mods][0][k1..k6]    boot keyboard report
 * [0x02][btn][dx][dy][wheel] relative mouse (i8 each, -127..127)
 * [0x02][btn][x u16 LE][y u16 LE][wheel]  absolute mouse, x and y 0..32767
 * </pre>
 * Anything else is {@link Kind#MALFORMED}: never written to a device, never a reason to close.
 * A report is well formed only if a USB host would accept it: reserved byte 0, key usages 0
 * or 0x04..0xDD without repeats (modifiers travel in their own byte), buttons in the low three
 * bits, deltas and wheel in -127..127.
 */
final class HidMessages {
    static final byte TYPE_HEARTBEAT = 0x00;
    static final byte TYPE_KEYBOARD = 0x01;
    static final byte TYPE_MOUSE = 0x02;
    static final byte TYPE_RELEASE_ALL = 0x03;

    static final int KEYBOARD_REPORT_LENGTH = 8;
    static final int RELATIVE_MOUSE_LENGTH = 4;
    static final int ABSOLUTE_MOUSE_LENGTH = 6;
    static final int ABSOLUTE_MAX = 32767;
    /** Mouse buttons a report may carry: left, right, middle (the HidSink contract). */
    static final int BUTTON_MASK = 0x07;
    static final int FIRST_KEY_USAGE = 0x04;
    static final int LAST_KEY_USAGE = 0xDD;

    enum Kind { HEARTBEAT, RELEASE_ALL, KEYBOARD, MOUSE_RELATIVE, MOUSE_ABSOLUTE, MALFORMED }

    private HidMessages() {
    }

    /** Classifies the remaining bytes of {@code message} without moving its position. */
    static Kind classify(ByteBuffer message) {
        return malformedReason(message) == null ? kindOf(message) : Kind.MALFORMED;
    }

    /** @return why the message is malformed (for tests and debug logs), or null when it is well formed */
    static String malformedReason(ByteBuffer message) {
        int length = message.remaining();
        if (length == 0) {
            return "empty message";
        }
        int start = message.position();
        byte type = message.get(start);
        int payload = length - 1;
        switch (type) {
            case TYPE_HEARTBEAT, TYPE_RELEASE_ALL:
                return payload == 0 ? null : "type " + type + " takes no payload, got " + payload + " bytes";
            case TYPE_KEYBOARD:
                if (payload != KEYBOARD_REPORT_LENGTH) {
                    return "keyboard report must be 8 bytes, got " + payload;
                }
                return keyboardProblem(message, start + 1);
            case TYPE_MOUSE:
                if (payload == RELATIVE_MOUSE_LENGTH) {
                    return relativeProblem(message, start + 1);
                }
                if (payload == ABSOLUTE_MOUSE_LENGTH) {
                    return absoluteProblem(message, start + 1);
                }
                return "mouse report must be 4 (relative) or 6 (absolute) bytes, got " + payload;
            default:
                return "unknown message type " + (type & 0xff);
        }
    }

    private static Kind kindOf(ByteBuffer message) {
        return switch (message.get(message.position())) {
            case TYPE_HEARTBEAT -> Kind.HEARTBEAT;
            case TYPE_RELEASE_ALL -> Kind.RELEASE_ALL;
            case TYPE_KEYBOARD -> Kind.KEYBOARD;
            default -> message.remaining() - 1 == RELATIVE_MOUSE_LENGTH ? Kind.MOUSE_RELATIVE : Kind.MOUSE_ABSOLUTE;
        };
    }

    private static String keyboardProblem(ByteBuffer message, int at) {
        if (message.get(at + 1) != 0) {
            return "keyboard report byte 1 is reserved and must be 0";
        }
        for (int i = 2; i < KEYBOARD_REPORT_LENGTH; i++) {
            int usage = message.get(at + i) & 0xff;
            if (usage == 0) {
                continue;
            }
            if (usage < FIRST_KEY_USAGE || usage > LAST_KEY_USAGE) {
                return "key usage 0x" + Integer.toHexString(usage) + " is not a key (0x04..0xdd; modifiers go in byte 0)";
            }
            for (int j = 2; j < i; j++) {
                if ((message.get(at + j) & 0xff) == usage) {
                    return "key usage 0x" + Integer.toHexString(usage) + " appears twice";
                }
            }
        }
        return null;
    }

    private static String relativeProblem(ByteBuffer message, int at) {
        String buttons = buttonsProblem(message.get(at));
        if (buttons != null) {
            return buttons;
        }
        for (int i = 1; i < RELATIVE_MOUSE_LENGTH; i++) {
            if (message.get(at + i) == Byte.MIN_VALUE) {
                return "mouse deltas and wheel must be -127..127, got -128";
            }
        }
        return null;
    }

    private static String absoluteProblem(ByteBuffer message, int at) {
        String buttons = buttonsProblem(message.get(at));
        if (buttons != null) {
            return buttons;
        }
        int x = u16(message, at + 1);
        int y = u16(message, at + 3);
        if (x > ABSOLUTE_MAX || y > ABSOLUTE_MAX) {
            return "absolute x and y must be 0..32767, got " + x + "," + y;
        }
        if (message.get(at + 5) == Byte.MIN_VALUE) {
            return "wheel must be -127..127, got -128";
        }
        return null;
    }

    private static String buttonsProblem(byte buttons) {
        return (buttons & ~BUTTON_MASK) == 0 ? null : "mouse buttons must use bits 0..2 only, got 0x" + Integer.toHexString(buttons & 0xff);
    }

    static int u16(ByteBuffer message, int at) {
        return (message.get(at) & 0xff) | (message.get(at + 1) & 0xff) << 8;
    }
}
