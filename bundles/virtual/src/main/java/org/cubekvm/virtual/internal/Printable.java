package org.cubekvm.virtual.internal;

/** Makes client input safe to echo in an error message. */
final class Printable {
    private Printable() {
    }

    static String of(Object input) {
        if (input == null) {
            return "null";
        }
        String printable = input.toString().replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }
}
