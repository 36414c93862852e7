package org.cubekvm.keymap.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.cubekvm.api.hid.KeyboardLayout;

/**
 * Reads a layout table ({@code <id>.layout}, UTF-8, beside this class). One line per key:
 * <pre>
 * usage(hex) plain shift [altgr [shift+altgr]]
 * </pre>
 * Each character token is a single character, {@code none}, {@code U+XXXX}, or {@code dead}
 * followed by the accent (a dead key). {@code alias A B} makes usage A type what B types
 * (the host side only; paste always uses B). {@code id} and {@code name} lines name the
 * layout; lines starting with {@code #} are comments. Enter, Tab and Space are the same on
 * every layout and are added here, so a table lists only what differs between layouts.
 */
final class LayoutFile {
    static final int USAGES = 256;
    /** Level index: bit0 Shift, bit1 AltGr. */
    static final int LEVELS = 4;

    static final int USAGE_ENTER = 0x28;
    static final int USAGE_TAB = 0x2B;
    static final int USAGE_SPACE = 0x2C;

    final String id;
    final String displayName;
    /** [level][usage] → code point, DEAD_KEY | accent, or NONE. */
    final int[][] table;
    /** Usages in the order the file lists them: paste prefers the first key that types a character. */
    final int[] order;

    private LayoutFile(String id, String displayName, int[][] table, int[] order) {
        this.id = id;
        this.displayName = displayName;
        this.table = table;
        this.order = order;
    }

    static LayoutFile load(String id) {
        String name = id + ".layout";
        try (InputStream in = LayoutFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("keymap: the layout table " + name + " is missing from the bundle");
            }
            return parse(name, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("keymap: cannot read the layout table " + name + ": " + e.getMessage(), e);
        }
    }

    static LayoutFile parse(String source, BufferedReader reader) throws IOException {
        int[][] table = new int[LEVELS][USAGES];
        for (int[] level : table) {
            Arrays.fill(level, KeyboardLayout.NONE);
        }
        int[] order = new int[USAGES];
        int count = 0;
        int[][] aliases = new int[USAGES][];
        int aliasCount = 0;
        String id = null;
        String displayName = null;
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] tokens = line.split("\\s+");
            String where = source + " line " + lineNumber;
            switch (tokens[0]) {
                case "id" -> id = tokens[1];
                case "name" -> displayName = line.substring(4).strip();
                case "alias" -> aliases[aliasCount++] = new int[] {usage(tokens[1], where), usage(tokens[2], where)};
                default -> {
                    int usage = usage(tokens[0], where);
                    if (tokens.length < 3 || tokens.length > 1 + LEVELS) {
                        throw new IllegalArgumentException(where + ": expected a usage and 2 to 4 characters, found " + line);
                    }
                    if (table[0][usage] != KeyboardLayout.NONE) {
                        throw new IllegalArgumentException(where + ": usage " + tokens[0] + " is listed twice");
                    }
                    for (int level = 0; level < tokens.length - 1; level++) {
                        table[level][usage] = character(tokens[level + 1], where);
                    }
                    order[count++] = usage;
                }
            }
        }
        if (id == null || displayName == null) {
            throw new IllegalArgumentException(source + ": the id or name line is missing");
        }
        for (int[] builtIn : new int[][] {{USAGE_ENTER, '\n'}, {USAGE_TAB, '\t'}, {USAGE_SPACE, ' '}}) {
            for (int level = 0; level < LEVELS; level++) {
                table[level][builtIn[0]] = builtIn[1];
            }
            order[count++] = builtIn[0];
        }
        for (int i = 0; i < aliasCount; i++) {
            for (int level = 0; level < LEVELS; level++) {
                table[level][aliases[i][0]] = table[level][aliases[i][1]];
            }
        }
        return new LayoutFile(id, displayName, table, Arrays.copyOf(order, count));
    }

    private static int usage(String token, String where) {
        try {
            int usage = Integer.parseInt(token, 16);
            if (usage > 0 && usage < USAGES) {
                return usage;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": '" + token + "' is not a key usage in hex (01..FF)");
    }

    private static int character(String token, String where) {
        if (token.equals("none")) {
            return KeyboardLayout.NONE;
        }
        if (token.startsWith("U+") && token.length() > 2) {
            return Integer.parseInt(token.substring(2), 16);
        }
        if (token.startsWith("dead") && token.codePointCount(0, token.length()) == 5) {
            return KeyboardLayout.DEAD_KEY | token.codePointAt(4);
        }
        if (token.codePointCount(0, token.length()) == 1) {
            return token.codePointAt(0);
        }
        throw new IllegalArgumentException(where + ": '" + token + "' is not a character, none, U+XXXX or dead<accent>");
    }
}
