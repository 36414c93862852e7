package org.cubekvm.hid.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cubekvm.api.hid.KeyStroke;
import org.cubekvm.api.hid.KeyboardLayout;

/**
 * A text turned into key strokes for one layout, packed in ints ({@code usage | modifiers << 8},
 * plus {@link #CASED_LETTER} on the stroke that types a letter with upper and lower case, so
 * paste can compensate for Caps Lock). {@code ends[i]} is the stroke index after character i.
 */
record PastePlan(String layout, int[] strokes, int[] ends) {
    static final int CASED_LETTER = 1 << 16;
    /** How many untypeable characters an error message names at most. */
    static final int MAX_NAMED = 20;

    int characters() {
        return ends.length;
    }

    static int usage(int stroke) {
        return stroke & 0xff;
    }

    static int modifiers(int stroke) {
        return (stroke >> 8) & 0xff;
    }

    /** Thrown with the distinct characters the layout cannot type, in order of appearance. */
    static final class UntypeableException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Integer> codePoints;

        UntypeableException(List<Integer> codePoints) {
            super(null, null, false, false);
            this.codePoints = List.copyOf(codePoints);
        }

        List<Integer> codePoints() {
            return codePoints;
        }
    }

    /**
     * Line breaks (CRLF, CR) become Enter; the text is NFC-normalised first so a decomposed
     * "u + combining diaeresis" types as "ü".
     */
    static PastePlan of(KeyboardLayout layout, String text) throws UntypeableException {
        String normalized = Normalizer.normalize(text.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC);
        int count = normalized.codePointCount(0, normalized.length());
        int[] ends = new int[count];
        int[] strokes = new int[Math.max(4, count * 2)];
        int used = 0;
        Set<Integer> untypeable = new LinkedHashSet<>();
        int index = 0;
        for (int offset = 0; offset < normalized.length(); ) {
            int codePoint = normalized.codePointAt(offset);
            offset += Character.charCount(codePoint);
            List<KeyStroke> forChar = layout.strokesFor(codePoint);
            if (forChar == null || forChar.isEmpty()) {
                untypeable.add(codePoint);
            } else if (untypeable.isEmpty()) {
                if (used + forChar.size() > strokes.length) {
                    strokes = java.util.Arrays.copyOf(strokes, Math.max(strokes.length * 2, used + forChar.size()));
                }
                boolean cased = Character.toUpperCase(codePoint) != Character.toLowerCase(codePoint);
                for (int s = 0; s < forChar.size(); s++) {
                    KeyStroke stroke = forChar.get(s);
                    int packed = stroke.usage() | stroke.modifiers() << 8;
                    if (cased && s == forChar.size() - 1) {
                        packed |= CASED_LETTER;
                    }
                    strokes[used++] = packed;
                }
            }
            ends[index++] = used;
        }
        if (!untypeable.isEmpty()) {
            throw new UntypeableException(new ArrayList<>(untypeable));
        }
        return new PastePlan(layout.id(), java.util.Arrays.copyOf(strokes, used), ends);
    }

    /** "'€' (U+20AC), U+0007" — printable characters quoted, all with their code point. */
    static String describe(List<Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        int named = Math.min(MAX_NAMED, codePoints.size());
        for (int i = 0; i < named; i++) {
            if (i > 0) {
                text.append(", ");
            }
            int cp = codePoints.get(i);
            String hex = String.format(Locale.ROOT, "U+%04X", cp);
            if (Character.isISOControl(cp) || Character.isWhitespace(cp) || !Character.isDefined(cp)
                    || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE) {
                text.append(hex);
            } else {
                text.append('\'').appendCodePoint(cp).append("' (").append(hex).append(')');
            }
        }
        if (codePoints.size() > named) {
            text.append(" and ").append(codePoints.size() - named).append(" more");
        }
        return text.toString();
    }
}
