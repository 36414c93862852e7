package org.cubekvm.nativebridge.internal;

import java.util.Locale;

/** The {@code backend} setting: which {@link EncoderBackend} serves frames. */
enum BackendKind {
    HOST, REPLAY, SG2002;

    static final String AUTO = "auto";

    /**
     * @param configured the setting: auto, host, replay or sg2002 (any case)
     * @param profile    the framework property {@code cubekvm.profile}, deciding what auto means
     * @throws IllegalArgumentException naming the bad value
     */
    static BackendKind resolve(String configured, String profile) {
        String value = configured == null ? "" : configured.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case AUTO, "" -> "bench".equals(profile) ? REPLAY : "sg2002".equals(profile) ? SG2002 : HOST;
            case "host" -> HOST;
            case "replay" -> REPLAY;
            case "sg2002" -> SG2002;
            default -> throw new IllegalArgumentException(
                    "backend must be auto, host, replay or sg2002, was '" + configured + "'");
        };
    }
}
