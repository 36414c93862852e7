package org.cubekvm.api.rest;

import java.nio.charset.StandardCharsets;

/**
 * The body of every error response: {@code {"error": "<machine_code>", "message": "<sentence>"}}.
 *
 * <p>{@link #toJson()} is the one writer of this shape for bodies written outside Jersey (plain
 * servlets, filters, Jetty's own handlers), so that every bundle escapes alike without a JSON
 * library: HTML-significant characters leave as {@code \}{@code u00XX} escapes (as Gson's default
 * does), so a body shown by mistake as HTML carries no markup.
 *
 * @param error   machine-readable code, e.g. {@code "bad_request"}
 * @param message human sentence naming the field or the thing that was wrong
 */
public record ApiError(String error, String message) {
    /** Longest client input {@link #printable} echoes. */
    private static final int PRINTABLE_LIMIT = 60;

    /** This error as a UTF-8 JSON object in the docs/api.md shape (null fields as empty strings). */
    public byte[] toJson() {
        StringBuilder out = new StringBuilder(32 + length(error) + length(message));
        out.append("{\"error\":\"");
        escape(error, out);
        out.append("\",\"message\":\"");
        escape(message, out);
        out.append("\"}");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Client input made safe to echo in an error message: anything outside printable ASCII
     * becomes {@code ?}, and more than 60 characters are cut with an ellipsis; null is
     * {@code "null"}.
     */
    public static String printable(Object input) {
        if (input == null) {
            return "null";
        }
        String printable = input.toString().replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > PRINTABLE_LIMIT ? printable.substring(0, PRINTABLE_LIMIT) + "…" : printable;
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }

    private static void escape(String value, StringBuilder out) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '<', '>', '&', '=', '\'', '\u2028', '\u2029' -> unicode(c, out);
                default -> {
                    if (c < 0x20) {
                        unicode(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static void unicode(char c, StringBuilder out) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        for (int pad = hex.length(); pad < 4; pad++) {
            out.append('0');
        }
        out.append(hex);
    }
}
