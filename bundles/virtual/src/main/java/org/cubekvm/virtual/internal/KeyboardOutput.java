package org.cubekvm.virtual.internal;

/** What a keyboard does to the machine once the host has turned key presses into characters. */
interface KeyboardOutput {
    void type(int codePoint);

    void enter();

    void backspace();

    void tab();

    /** Ctrl+C. */
    void interrupt();
}
