package org.cubekvm.atx.internal;

import java.util.Locale;
import org.cubekvm.api.atx.AtxButton;

/**
 * One button action: {@code button} down for {@code durationMillis}, then up.
 *
 * @param user who asked (for the log)
 */
record AtxAction(AtxButton button, Kind kind, int durationMillis, String user) {
    enum Kind {
        PRESS,
        HOLD;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind fromId(String id) {
            for (Kind kind : values()) {
                if (kind.id().equals(id)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** The 202 body. */
    record Accepted(String button, String action, int durationMs) {
    }

    Accepted accepted() {
        return new Accepted(button.id(), kind.id(), durationMillis);
    }
}
