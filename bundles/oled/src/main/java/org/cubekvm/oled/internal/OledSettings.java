package org.cubekvm.oled.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** Validated OLED settings; {@code GET/PUT /api/oled} exposes enabled and sleepAfterSeconds. */
record OledSettings(boolean enabled, int sleepAfterSeconds, int cycleSeconds) {
    OledSettings {
        if (sleepAfterSeconds < 0 || sleepAfterSeconds > 86_400) {
            throw new IllegalArgumentException("sleepAfterSeconds must be 0..86400, was " + sleepAfterSeconds);
        }
        if (cycleSeconds < 1 || cycleSeconds > 60) {
            throw new IllegalArgumentException("cycleSeconds must be 1..60, was " + cycleSeconds);
        }
    }

    static OledSettings of(OledConfig config) {
        return new OledSettings(config.enabled(), config.sleepAfterSeconds(), config.cycleSeconds());
    }

    /** These settings with the fields of {@code body} applied; unknown or mistyped fields are refused. */
    OledSettings merge(JsonObject body) {
        boolean enabled = this.enabled;
        int sleep = this.sleepAfterSeconds;
        for (String field : body.keySet()) {
            JsonElement value = body.get(field);
            switch (field) {
                case "enabled" -> {
                    if (!(value instanceof JsonPrimitive p) || !p.isBoolean()) {
                        throw new IllegalArgumentException("Field 'enabled' must be true or false");
                    }
                    enabled = p.getAsBoolean();
                }
                case "sleepAfterSeconds" -> {
                    if (!(value instanceof JsonPrimitive p) || !p.isNumber() || p.getAsDouble() != Math.rint(p.getAsDouble())
                            || p.getAsDouble() < 0 || p.getAsDouble() > 86_400) {
                        throw new IllegalArgumentException("Field 'sleepAfterSeconds' must be a whole number 0..86400");
                    }
                    sleep = (int) p.getAsDouble();
                }
                default -> throw new IllegalArgumentException("Unknown field '"
                        + (field.length() > 40 ? field.substring(0, 40) : field) + "'; the fields are enabled and sleepAfterSeconds");
            }
        }
        return new OledSettings(enabled, sleep, cycleSeconds);
    }
}
