package org.cubekvm.api.hid;

/**
 * One key press as a USB keyboard sends it.
 *
 * @param usage     HID usage on the keyboard page (0x04 = A … 0x65)
 * @param modifiers HID modifier bits held with it ({@link Modifiers})
 */
public record KeyStroke(int usage, int modifiers) {
    public KeyStroke {
        if (usage < 0 || usage > 0xff) throw new IllegalArgumentException("usage must be 0..255, was " + usage);
        if (modifiers < 0 || modifiers > 0xff) throw new IllegalArgumentException("modifiers must be 0..255, was " + modifiers);
    }
}
