package org.cubekvm.hid.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.cubekvm.api.hid.Modifiers;

/**
 * {@code KeyboardEvent.code} names (W3C UI Events) → HID usages of the keyboard page, the same
 * table the web UI uses (web/src/keymap.ts). Modifier keys map to their usage 0xE0..0xE7; their
 * bit in a report's modifier byte is {@code 1 << (usage - 0xE0)}.
 */
final class KeyNames {
    static final int FIRST_MODIFIER_USAGE = 0xE0;
    static final int LAST_MODIFIER_USAGE = 0xE7;

    private static final Map<String, Integer> USAGES = build();

    private KeyNames() {
    }

    /** @return the usage, or -1 for an unknown name */
    static int usage(String code) {
        Integer usage = code == null ? null : USAGES.get(code);
        return usage == null ? -1 : usage;
    }

    static boolean isModifier(int usage) {
        return usage >= FIRST_MODIFIER_USAGE && usage <= LAST_MODIFIER_USAGE;
    }

    static int modifierBit(int usage) {
        return 1 << (usage - FIRST_MODIFIER_USAGE);
    }

    static Map<String, Integer> all() {
        return USAGES;
    }

    private static Map<String, Integer> build() {
        Map<String, Integer> m = new HashMap<>();
        for (char c = 'A'; c <= 'Z'; c++) {
            m.put("Key" + c, 0x04 + (c - 'A'));
        }
        for (int d = 1; d <= 9; d++) {
            m.put("Digit" + d, 0x1E + d - 1);
            m.put("Numpad" + d, 0x59 + d - 1);
        }
        m.put("Digit0", 0x27);
        m.put("Numpad0", 0x62);
        for (int f = 1; f <= 12; f++) {
            m.put("F" + f, 0x3A + f - 1);
        }
        for (int f = 13; f <= 24; f++) {
            m.put("F" + f, 0x68 + f - 13);
        }
        m.put("Enter", 0x28);
        m.put("Escape", 0x29);
        m.put("Backspace", 0x2A);
        m.put("Tab", 0x2B);
        m.put("Space", 0x2C);
        m.put("Minus", 0x2D);
        m.put("Equal", 0x2E);
        m.put("BracketLeft", 0x2F);
        m.put("BracketRight", 0x30);
        m.put("Backslash", 0x31);
        m.put("IntlHash", 0x32);
        m.put("Semicolon", 0x33);
        m.put("Quote", 0x34);
        m.put("Backquote", 0x35);
        m.put("Comma", 0x36);
        m.put("Period", 0x37);
        m.put("Slash", 0x38);
        m.put("CapsLock", 0x39);
        m.put("PrintScreen", 0x46);
        m.put("ScrollLock", 0x47);
        m.put("Pause", 0x48);
        m.put("Insert", 0x49);
        m.put("Home", 0x4A);
        m.put("PageUp", 0x4B);
        m.put("Delete", 0x4C);
        m.put("End", 0x4D);
        m.put("PageDown", 0x4E);
        m.put("ArrowRight", 0x4F);
        m.put("ArrowLeft", 0x50);
        m.put("ArrowDown", 0x51);
        m.put("ArrowUp", 0x52);
        m.put("NumLock", 0x53);
        m.put("NumpadDivide", 0x54);
        m.put("NumpadMultiply", 0x55);
        m.put("NumpadSubtract", 0x56);
        m.put("NumpadAdd", 0x57);
        m.put("NumpadEnter", 0x58);
        m.put("NumpadDecimal", 0x63);
        m.put("IntlBackslash", 0x64);
        m.put("ContextMenu", 0x65);
        m.put("Power", 0x66);
        m.put("NumpadEqual", 0x67);
        m.put("Help", 0x75);
        m.put("AudioVolumeMute", 0x7F);
        m.put("AudioVolumeUp", 0x80);
        m.put("AudioVolumeDown", 0x81);
        m.put("NumpadComma", 0x85);
        m.put("IntlRo", 0x87);
        m.put("KanaMode", 0x88);
        m.put("IntlYen", 0x89);
        m.put("Convert", 0x8A);
        m.put("NonConvert", 0x8B);
        m.put("Lang1", 0x90);
        m.put("Lang2", 0x91);
        m.put("ControlLeft", 0xE0);
        m.put("ShiftLeft", 0xE1);
        m.put("AltLeft", 0xE2);
        m.put("MetaLeft", 0xE3);
        m.put("ControlRight", 0xE4);
        m.put("ShiftRight", 0xE5);
        m.put("AltRight", 0xE6);
        m.put("MetaRight", 0xE7);
        // Older Firefox names of the Windows/Command keys.
        m.put("OSLeft", 0xE3);
        m.put("OSRight", 0xE7);
        assert m.get("ShiftLeft") == 0xE0 + Integer.numberOfTrailingZeros(Modifiers.LEFT_SHIFT);
        return Collections.unmodifiableMap(m);
    }
}
