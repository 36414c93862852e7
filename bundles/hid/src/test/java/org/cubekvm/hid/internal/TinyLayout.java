package org.cubekvm.hid.internal;

import java.util.List;
import org.cubekvm.api.hid.KeyStroke;
import org.cubekvm.api.hid.KeyboardLayout;
import org.cubekvm.api.hid.Modifiers;

/**
 * A made-up layout for tests: a–z, A–Z, space, Enter, "1", '@' with AltGr+Q, and '^' as a dead
 * key (usage 0x35) composing "â" and "ê".
 */
final class TinyLayout implements KeyboardLayout {
    static final int DEAD_CIRCUMFLEX = 0x35;

    @Override
    public String id() {
        return "xx-TINY";
    }

    @Override
    public String displayName() {
        return "Tiny";
    }

    @Override
    public List<KeyStroke> strokesFor(int cp) {
        if (cp >= 'a' && cp <= 'z') {
            return List.of(new KeyStroke(0x04 + cp - 'a', 0));
        }
        if (cp >= 'A' && cp <= 'Z') {
            return List.of(new KeyStroke(0x04 + cp - 'A', Modifiers.LEFT_SHIFT));
        }
        return switch (cp) {
            case ' ' -> List.of(new KeyStroke(0x2C, 0));
            case '\n' -> List.of(new KeyStroke(0x28, 0));
            case '1' -> List.of(new KeyStroke(0x1E, 0));
            case '@' -> List.of(new KeyStroke(0x14, Modifiers.RIGHT_ALT));
            case 'â' -> List.of(new KeyStroke(DEAD_CIRCUMFLEX, 0), new KeyStroke(0x04, 0));
            case 'ê' -> List.of(new KeyStroke(DEAD_CIRCUMFLEX, 0), new KeyStroke(0x08, 0));
            case '^' -> List.of(new KeyStroke(DEAD_CIRCUMFLEX, 0), new KeyStroke(0x2C, 0));
            default -> List.of();
        };
    }

    @Override
    public int codePointFor(int usage, boolean shift, boolean altGr) {
        return NONE;
    }

    @Override
    public int compose(int accent, int base) {
        return NONE;
    }
}
