package org.cubekvm.api.hid;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A keyboard layout as the target's operating system applies it: which key strokes type a
 * character (for paste), and which character a key stroke types (for the virtual machine).
 */
@ProviderType
public interface KeyboardLayout {
    /** Flag in {@link #codePointFor}'s result: the key is a dead key for the accent in the low bits. */
    int DEAD_KEY = 0x4000_0000;
    /** {@link #codePointFor}'s result for a key that types nothing. */
    int NONE = -1;

    /** BCP 47 style id: {@code en-US}, {@code de-DE}, {@code fr-FR}, {@code en-GB}. */
    String id();

    String displayName();

    /**
     * The strokes that type {@code codePoint} (one stroke, or a dead key then a base key);
     * empty when this layout cannot type it. Newline is Enter, tab is Tab.
     */
    List<KeyStroke> strokesFor(int codePoint);

    /**
     * What a host with this layout types for {@code usage} (Caps Lock not applied: the caller
     * inverts the case of letters when Caps Lock is on).
     *
     * @return the code point, {@link #DEAD_KEY} | accent code point for a dead key, or {@link #NONE}
     */
    int codePointFor(int usage, boolean shift, boolean altGr);

    /** The character a dead key's accent and a following base character compose to, or {@link #NONE}. */
    int compose(int accent, int base);
}
