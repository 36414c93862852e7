package org.cubekvm.keymap.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cubekvm.api.hid.KeyStroke;
import org.cubekvm.api.hid.KeyboardLayout;
import org.cubekvm.api.hid.Modifiers;

/**
 * A layout driven by its {@link LayoutFile} table. The reverse direction (character → strokes)
 * is computed once from the same table, so paste and the virtual host can never disagree.
 */
final class TableKeyboardLayout implements KeyboardLayout {
    private final LayoutFile file;
    private final Map<Integer, List<KeyStroke>> strokes;

    TableKeyboardLayout(LayoutFile file) {
        this.file = file;
        this.strokes = reverse(file);
    }

    static TableKeyboardLayout load(String id) {
        return new TableKeyboardLayout(LayoutFile.load(id));
    }

    @Override
    public String id() {
        return file.id;
    }

    @Override
    public String displayName() {
        return file.displayName;
    }

    @Override
    public List<KeyStroke> strokesFor(int codePoint) {
        return strokes.getOrDefault(codePoint, List.of());
    }

    @Override
    public int codePointFor(int usage, boolean shift, boolean altGr) {
        if (usage < 0 || usage >= LayoutFile.USAGES) {
            return NONE;
        }
        return file.table[level(shift, altGr)][usage];
    }

    @Override
    public int compose(int accent, int base) {
        return DeadKeyComposition.compose(accent, base);
    }

    @Override
    public String toString() {
        return file.id;
    }

    private static int level(boolean shift, boolean altGr) {
        return (shift ? 1 : 0) | (altGr ? 2 : 0);
    }

    private static int modifiers(int level) {
        return ((level & 1) != 0 ? Modifiers.LEFT_SHIFT : 0) | ((level & 2) != 0 ? Modifiers.RIGHT_ALT : 0);
    }

    /** Single strokes first (fewest modifiers win), then dead key + base for what only composes. */
    private static Map<Integer, List<KeyStroke>> reverse(LayoutFile file) {
        Map<Integer, List<KeyStroke>> result = new HashMap<>();
        Map<Integer, KeyStroke> deadKeys = new HashMap<>();
        for (int level = 0; level < LayoutFile.LEVELS; level++) {
            for (int usage : file.order) {
                int value = file.table[level][usage];
                if (value == NONE) {
                    continue;
                }
                KeyStroke stroke = new KeyStroke(usage, modifiers(level));
                if ((value & DEAD_KEY) != 0) {
                    deadKeys.putIfAbsent(value & ~DEAD_KEY, stroke);
                } else {
                    result.putIfAbsent(value, List.of(stroke));
                }
            }
        }
        Map<Integer, List<KeyStroke>> composed = new HashMap<>();
        for (Map.Entry<Integer, KeyStroke> dead : deadKeys.entrySet()) {
            for (Map.Entry<Integer, List<KeyStroke>> base : result.entrySet()) {
                int character = DeadKeyComposition.compose(dead.getKey(), base.getKey());
                if (character != NONE && !result.containsKey(character)) {
                    composed.putIfAbsent(character, List.of(dead.getValue(), base.getValue().get(0)));
                }
            }
        }
        result.putAll(composed);
        return Map.copyOf(result);
    }
}
