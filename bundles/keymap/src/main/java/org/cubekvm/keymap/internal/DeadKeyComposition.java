package org.cubekvm.keymap.internal;

import java.text.Normalizer;
import java.util.Map;
import org.cubekvm.api.hid.KeyboardLayout;

/**
 * What a dead key's accent and the following character compose to, as every desktop OS does
 * it: Unicode canonical composition of the base with the accent's combining mark. A dead key
 * followed by Space types the accent itself.
 */
final class DeadKeyComposition {
    /** Spacing accent → combining mark. */
    private static final Map<Integer, Character> COMBINING = Map.of(
            (int) '^', '\u0302',
            (int) '`', '\u0300',
            0xB4, '\u0301', // ´ acute
            0xA8, '\u0308', // ¨ diaeresis
            (int) '~', '\u0303',
            0xB8, '\u0327'); // ¸ cedilla

    private DeadKeyComposition() {
    }

    static int compose(int accent, int base) {
        if (base == ' ') {
            return COMBINING.containsKey(accent) ? accent : KeyboardLayout.NONE;
        }
        Character mark = COMBINING.get(accent);
        if (mark == null || !Character.isLetter(base)) {
            return KeyboardLayout.NONE;
        }
        String composed = Normalizer.normalize(new StringBuilder().appendCodePoint(base).append(mark.charValue()),
                Normalizer.Form.NFC);
        return composed.codePointCount(0, composed.length()) == 1 ? composed.codePointAt(0) : KeyboardLayout.NONE;
    }
}
