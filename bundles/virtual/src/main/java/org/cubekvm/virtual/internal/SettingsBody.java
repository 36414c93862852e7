package org.cubekvm.virtual.internal;

/** Body of {@code GET/PUT /api/virtual/settings}. */
record SettingsBody(String layout, String resolution, boolean animate) {
    static SettingsBody of(MachineSettings settings) {
        return new SettingsBody(settings.layout(), settings.resolution().toString(), settings.animate());
    }
}
