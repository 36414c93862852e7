package org.cubekvm.api.atx;

import java.util.Locale;

/** The target's front-panel buttons. */
public enum AtxButton {
    POWER,
    RESET;

    /** The name used in paths and JSON: {@code power}, {@code reset}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the button named {@code id}, or null */
    public static AtxButton fromId(String id) {
        for (AtxButton button : values()) {
            if (button.id().equals(id)) {
                return button;
            }
        }
        return null;
    }
}
