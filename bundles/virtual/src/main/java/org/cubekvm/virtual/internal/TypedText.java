package org.cubekvm.virtual.internal;

/**
 * Everything typed at the virtual machine since it booted (newlines included), as line editing
 * left it, capped to the last {@value #LIMIT} characters so a long session cannot grow the heap.
 * Not thread-safe: {@link ScreenContent} guards it.
 */
final class TypedText {
    static final int LIMIT = 64 * 1024;

    private final StringBuilder text = new StringBuilder(1024);

    void append(int codePoint) {
        text.appendCodePoint(codePoint);
        if (text.length() > LIMIT) {
            int cut = text.length() - LIMIT;
            // Never split a surrogate pair at the cut.
            if (Character.isLowSurrogate(text.charAt(cut))) {
                cut++;
            }
            text.delete(0, cut);
        }
    }

    /** Removes the last character (Backspace on the current line). */
    void removeLast() {
        int length = text.length();
        if (length == 0) {
            return;
        }
        int last = text.codePointBefore(length);
        text.setLength(length - Character.charCount(last));
    }

    void clear() {
        text.setLength(0);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
