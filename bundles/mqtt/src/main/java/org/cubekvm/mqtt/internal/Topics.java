package org.cubekvm.mqtt.internal;

/** The topics of one device: {@code <baseTopic>/<deviceId>/…}. */
record Topics(String device) {
    static Topics of(MqttSettings settings) {
        return new Topics(settings.baseTopic() + "/" + settings.deviceId());
    }

    /** {@code online} / {@code offline} (the last will), retained. */
    String availability() {
        return device + "/availability";
    }

    String powerState() {
        return device + "/atx/power/state";
    }

    /** {@code ON} / {@code OFF}: press the power button when the state differs. */
    String powerCommand() {
        return device + "/atx/power/set";
    }

    String hddState() {
        return device + "/atx/hdd/state";
    }

    /** {@code PRESS}: press reset. */
    String resetCommand() {
        return device + "/atx/reset/press";
    }

    String viewers() {
        return device + "/stream/viewers";
    }

    String hidOnline() {
        return device + "/hid/online";
    }

    /** A JPEG of the screen, retained; taken when anything is published to {@link #snapshotRequest()}. */
    String snapshot() {
        return device + "/snapshot";
    }

    String snapshotRequest() {
        return device + "/snapshot/update";
    }

    /** Version, bundles, health (JSON, retained). */
    String inventory() {
        return device + "/inventory";
    }

    /** Signed fleet commands (install a bundle from a URL). */
    String fleetCommand() {
        return device + "/fleet/command";
    }

    /** The result of the last fleet command (JSON with the command's id, retained). */
    String fleetResult() {
        return device + "/fleet/result";
    }

    /** The last refused or failed command, retained: {@code {"topic","error","message"}}. */
    String lastError() {
        return device + "/last_error";
    }
}
