package org.cubekvm.mqtt.internal;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;
import org.cubekvm.api.auth.Role;

/**
 * The validated configuration. A bad value fails activation with a message naming it.
 *
 * @param host empty when MQTT is off
 */
record MqttSettings(String host, int port, boolean tls, String username, String password, String baseTopic,
        String discoveryPrefix, String deviceId, Role role, int maxReconnectSeconds) {
    /** Topic levels we build on: no wildcards, no empty levels, bounded. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]{0,253}");

    boolean enabled() {
        return !host.isEmpty();
    }

    String serverUri() {
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls ? "ssl://" : "tcp://") + literal + ":" + port;
    }

    static MqttSettings of(MqttConfig config) {
        String host = config.host() == null ? "" : config.host().trim();
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host '" + host + "' is not a host name or address");
        }
        if (config.port() < 1 || config.port() > 65535) {
            throw new IllegalArgumentException("port " + config.port() + " is not in 1..65535");
        }
        String base = config.baseTopic() == null ? "" : config.baseTopic().trim();
        if (base.length() > 128 || !TOPIC.matcher(base).matches()) {
            throw new IllegalArgumentException("baseTopic '" + base + "' must be topic levels of letters, digits, _ and -"
                    + " separated by / (no wildcards), at most 128 characters");
        }
        String prefix = config.discoveryPrefix() == null ? "" : config.discoveryPrefix().trim();
        if (prefix.length() > 128 || !TOPIC.matcher(prefix).matches()) {
            throw new IllegalArgumentException("discoveryPrefix '" + prefix + "' must be topic levels of letters, digits,"
                    + " _ and - separated by /");
        }
        String id = config.deviceId() == null || config.deviceId().isBlank() ? hostNameId() : config.deviceId().trim();
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("deviceId '" + id + "' must be 1..64 letters, digits, _ or -");
        }
        Role role = Role.fromId(config.role() == null ? "" : config.role().trim().toLowerCase(Locale.ROOT));
        if (role == null || role == Role.ADMIN) {
            throw new IllegalArgumentException("role '" + config.role() + "' must be operator or viewer");
        }
        if (config.maxReconnectSeconds() < 1 || config.maxReconnectSeconds() > 300) {
            throw new IllegalArgumentException("maxReconnectSeconds " + config.maxReconnectSeconds() + " is not in 1..300");
        }
        String username = config.username() == null ? "" : config.username();
        String password = config.password() == null ? "" : config.password();
        if (username.length() > 256 || password.length() > 256) {
            throw new IllegalArgumentException("username and password must be at most 256 characters");
        }
        return new MqttSettings(host, config.port(), config.tls(), username, password, base, prefix, id, role,
                config.maxReconnectSeconds());
    }

    private static String hostNameId() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_\\-]", "-");
            return name.isEmpty() ? "cubekvm" : name.substring(0, Math.min(64, name.length()));
        } catch (java.io.IOException e) {
            return "cubekvm";
        }
    }

    @Override
    public String toString() {
        return "MqttSettings[" + serverUri() + ", user '" + username + "', base " + baseTopic + "/" + deviceId
                + ", discovery " + discoveryPrefix + ", role " + role.id() + "]";
    }
}
