package org.cubekvm.hid.internal;

/** Quoting client input inside error messages without echoing control characters or novels. */
final class Strings {
    private Strings() {
    }

    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        if (printable.length() > 60) {
            printable = printable.substring(0, 60) + "…";
        }
        return "\"" + printable + "\"";
    }
}
