package org.cubekvm.api.platform;

import java.util.Objects;

/**
 * One health report line.
 *
 * @param name    short stable name, e.g. {@code "codec.h264"}
 * @param status  severity
 * @param message what is wrong and what to do, or a short confirmation when OK
 */
public record Health(String name, HealthStatus status, String message) {
    public Health {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    public static Health ok(String name, String message) {
        return new Health(name, HealthStatus.OK, message);
    }

    public static Health warn(String name, String message) {
        return new Health(name, HealthStatus.WARN, message);
    }
}
