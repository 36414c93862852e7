package org.cubekvm.console.internal;

/** Makes client input safe to echo in an error message. */
final class Printable {
    private Printable() {
    }

    static String of(String input) {
        if (input == null) {
            return "";
        }
        String printable = input.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }
}
