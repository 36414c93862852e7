package org.cubekvm.virtual.internal;

import java.util.Arrays;
import org.cubekvm.api.hid.KeyboardLayout;
import org.cubekvm.api.hid.KeyboardLeds;
import org.cubekvm.api.hid.Modifiers;

/**
 * What a USB host's keyboard driver does with boot keyboard reports: a key acts once, on the
 * report where it first appears (no auto-repeat: a held key stays one key press); the lock
 * keys toggle their state and LED on key-down; characters come from the layout with Shift,
 * AltGr (right Alt), Caps Lock (letters only) and dead keys. Not thread-safe:
 * {@link VirtualHid} serializes reports.
 */
final class UsbKeyboardHost {
    static final int REPORT_LENGTH = 8;
    private static final int KEY_SLOTS = 6;

    static final int ERROR_ROLL_OVER = 0x01;
    static final int ENTER = 0x28;
    static final int ESCAPE = 0x29;
    static final int BACKSPACE = 0x2A;
    static final int CAPS_LOCK = 0x39;
    static final int SCROLL_LOCK = 0x47;
    static final int NUM_LOCK = 0x53;
    static final int KEYPAD_ENTER = 0x58;
    private static final int KEYPAD_SLASH = 0x54;
    private static final int KEYPAD_1 = 0x59;
    private static final int KEYPAD_0 = 0x62;
    private static final int KEYPAD_DOT = 0x63;
    private static final int FIRST_KEY = 0x04;
    private static final int FIRST_MODIFIER_USAGE = 0xE0;
    private static final String KEYPAD_OPERATORS = "/*-+";

    private final int[] pressed = new int[KEY_SLOTS];
    private final int[] next = new int[KEY_SLOTS];
    private volatile KeyboardLayout layout;
    private volatile KeyboardLeds leds = KeyboardLeds.OFF;
    private int pendingAccent = KeyboardLayout.NONE;
    private int modifiers;

    UsbKeyboardHost(KeyboardLayout layout) {
        this.layout = layout;
    }

    void layout(KeyboardLayout layout) {
        this.layout = layout;
        pendingAccent = KeyboardLayout.NONE;
    }

    KeyboardLayout layout() {
        return layout;
    }

    KeyboardLeds leds() {
        return leds;
    }

    /** Usages of the keys the host currently sees held (modifiers not included), in report order. */
    int[] heldKeys() {
        return Arrays.stream(pressed).filter(usage -> usage != 0).toArray();
    }

    /** The modifier bits of the last report. */
    int heldModifiers() {
        return modifiers;
    }

    /** Power-on/reset: no keys down, LEDs off, no pending dead key. */
    void reset() {
        Arrays.fill(pressed, 0);
        modifiers = 0;
        leds = KeyboardLeds.OFF;
        pendingAccent = KeyboardLayout.NONE;
    }

    /**
     * Interprets one report.
     *
     * @return whether the LED state changed
     */
    boolean report(byte[] report, int offset, KeyboardOutput output) {
        int modifiers = report[offset] & 0xFF;
        for (int i = 0; i < KEY_SLOTS; i++) {
            if ((report[offset + 2 + i] & 0xFF) == ERROR_ROLL_OVER) {
                // Too many keys: the keyboard cannot say which are down, so the host keeps its state.
                return false;
            }
        }
        KeyboardLeds before = leds;
        for (int i = 0; i < KEY_SLOTS; i++) {
            int usage = report[offset + 2 + i] & 0xFF;
            next[i] = usage;
            if (usage >= FIRST_KEY && usage < FIRST_MODIFIER_USAGE && !contains(pressed, KEY_SLOTS, usage)
                    && !contains(next, i, usage)) {
                keyDown(usage, modifiers, output);
            }
        }
        System.arraycopy(next, 0, pressed, 0, KEY_SLOTS);
        this.modifiers = modifiers;
        return !leds.equals(before);
    }

    private void keyDown(int usage, int modifiers, KeyboardOutput output) {
        KeyboardLeds current = leds;
        switch (usage) {
            case CAPS_LOCK -> {
                leds = new KeyboardLeds(current.numLock(), !current.capsLock(), current.scrollLock());
                return;
            }
            case NUM_LOCK -> {
                leds = new KeyboardLeds(!current.numLock(), current.capsLock(), current.scrollLock());
                return;
            }
            case SCROLL_LOCK -> {
                leds = new KeyboardLeds(current.numLock(), current.capsLock(), !current.scrollLock());
                return;
            }
            case ENTER, KEYPAD_ENTER -> {
                pendingAccent = KeyboardLayout.NONE;
                output.enter();
                return;
            }
            case BACKSPACE -> {
                pendingAccent = KeyboardLayout.NONE;
                output.backspace();
                return;
            }
            case ESCAPE -> {
                pendingAccent = KeyboardLayout.NONE;
                return;
            }
            default -> {
                // a character key, below
            }
        }
        KeyboardLayout active = layout;
        boolean shift = (modifiers & Modifiers.ANY_SHIFT) != 0;
        boolean altGr = (modifiers & Modifiers.RIGHT_ALT) != 0;
        boolean ctrl = (modifiers & Modifiers.ANY_CTRL) != 0;
        boolean shortcut = ctrl || (modifiers & (Modifiers.LEFT_ALT | Modifiers.LEFT_GUI | Modifiers.RIGHT_GUI)) != 0;
        if (shortcut) {
            // Shortcuts type nothing; Ctrl+C interrupts the shell.
            if (ctrl && !altGr && active.codePointFor(usage, false, false) == 'c') {
                pendingAccent = KeyboardLayout.NONE;
                output.interrupt();
            }
            return;
        }
        int value = keypad(usage, current.numLock());
        if (value == KeyboardLayout.NONE) {
            value = active.codePointFor(usage, shift, altGr);
        }
        if (value == KeyboardLayout.NONE) {
            return;
        }
        if ((value & KeyboardLayout.DEAD_KEY) != 0) {
            int accent = value & ~KeyboardLayout.DEAD_KEY;
            if (pendingAccent != KeyboardLayout.NONE) {
                // A second dead key: the first one types its accent; the same one twice types it once.
                emit(pendingAccent, output);
                pendingAccent = pendingAccent == accent ? KeyboardLayout.NONE : accent;
            } else {
                pendingAccent = accent;
            }
            return;
        }
        if (current.capsLock() && Character.isLetter(value)) {
            value = Character.isUpperCase(value) ? Character.toLowerCase(value) : Character.toUpperCase(value);
        }
        if (pendingAccent != KeyboardLayout.NONE) {
            int composed = active.compose(pendingAccent, value);
            if (composed == KeyboardLayout.NONE) {
                emit(pendingAccent, output);
                emit(value, output);
            } else {
                emit(composed, output);
            }
            pendingAccent = KeyboardLayout.NONE;
            return;
        }
        emit(value, output);
    }

    /** Keypad keys do not depend on the layout; digits and the dot need Num Lock. */
    private static int keypad(int usage, boolean numLock) {
        if (usage >= KEYPAD_SLASH && usage < KEYPAD_SLASH + KEYPAD_OPERATORS.length()) {
            return KEYPAD_OPERATORS.charAt(usage - KEYPAD_SLASH);
        }
        if (!numLock) {
            return KeyboardLayout.NONE;
        }
        if (usage >= KEYPAD_1 && usage < KEYPAD_0) {
            return '1' + usage - KEYPAD_1;
        }
        if (usage == KEYPAD_0) {
            return '0';
        }
        return usage == KEYPAD_DOT ? '.' : KeyboardLayout.NONE;
    }

    private static void emit(int codePoint, KeyboardOutput output) {
        switch (codePoint) {
            case '\n' -> output.enter();
            case '\t' -> output.tab();
            default -> output.type(codePoint);
        }
    }

    private static boolean contains(int[] keys, int count, int usage) {
        for (int i = 0; i < count; i++) {
            if (keys[i] == usage) {
                return true;
            }
        }
        return false;
    }
}
