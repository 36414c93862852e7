package org.cubekvm.mjpeg.internal;

/** Parses optional integer query parameters with a range; a bad one is reported by name. */
final class QueryParameters {
    private QueryParameters() {
    }

    /** @return {@code absent} when the parameter is missing */
    static int intParameter(String raw, String name, int min, int max, int absent) {
        if (raw == null || raw.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String shown = raw.length() > 20 ? raw.substring(0, 20) + "…" : raw;
        throw new IllegalArgumentException(name + " must be a whole number " + min + ".." + max + ", was '"
                + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }
}
