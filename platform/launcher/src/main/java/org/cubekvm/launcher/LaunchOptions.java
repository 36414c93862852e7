package org.cubekvm.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The command line of the platform: {@code --port --bind --https-port --data --profile}.
 * ({@code --jvm} is consumed by the start script, which chooses the JVM options file.)
 *
 * @param home      the distribution directory (bundles/, config/, conf/)
 * @param port      HTTP port
 * @param bind      address to listen on
 * @param httpsPort HTTPS port, 0 = off, {@link #PROFILE_DEFAULT} = not given: the profile's
 *                  {@code https.port} (443 on the device, off elsewhere; see {@link #httpsPort(Properties)})
 * @param data      the data directory (cache, configuration, users, images)
 * @param profile   device profile: virtual, bench, sg2002, v4l2
 */
record LaunchOptions(Path home, int port, String bind, int httpsPort, Path data, String profile) {
    private static final Pattern PROFILE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    static final String USAGE = "usage: cubekvm run [--port N] [--bind ADDR] [--https-port N] [--data DIR] "
            + "[--profile virtual|bench|sg2002|v4l2] [--jvm device|pc]";

    /** {@code --https-port} not given: the profile decides. */
    static final int PROFILE_DEFAULT = -1;

    static LaunchOptions parse(List<String> args, Path home) {
        int port = 8080;
        String bind = null;
        int httpsPort = PROFILE_DEFAULT;
        Path data = Path.of("data");
        String profile = "virtual";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                value = null;
            }
            switch (name) {
                case "--port" -> port = port(name, value);
                case "--https-port" -> httpsPort = port(name, value);
                case "--bind" -> bind = required(name, value);
                case "--data" -> data = Path.of(required(name, value));
                case "--profile" -> {
                    profile = required(name, value);
                    if (!PROFILE.matcher(profile).matches()) {
                        throw new IllegalArgumentException("--profile must be a lower-case name such as virtual, was '" + profile + "'");
                    }
                }
                case "--jvm" -> required(name, value);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        if (port == 0) {
            throw new IllegalArgumentException("--port must be 1..65535");
        }
        if (bind == null) {
            bind = "virtual".equals(profile) || "bench".equals(profile) ? "127.0.0.1" : "0.0.0.0";
        }
        return new LaunchOptions(home, port, bind, httpsPort, data.toAbsolutePath().normalize(), profile);
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
        }
        return value;
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(required(name, value));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number 0..65535, was '" + value + "'");
        }
    }

    /**
     * The HTTPS port in effect: {@code --https-port} when given (0 turns HTTPS off), else the profile's
     * {@code https.port} (config/sg2002: 443), else off.
     */
    int httpsPort(Properties profileProperties) {
        if (httpsPort != PROFILE_DEFAULT) {
            return httpsPort;
        }
        String value = profileProperties.getProperty("https.port", "0").trim();
        try {
            int resolved = Integer.parseInt(value);
            if (resolved >= 0 && resolved <= 65535) {
                return resolved;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("config/" + profile + "/profile.properties: https.port must be a port number 0..65535, was '" + value + "'");
    }

    /** The URL a person opens. */
    String url() {
        String host = "0.0.0.0".equals(bind) || "127.0.0.1".equals(bind) ? "localhost" : bind;
        return "http://" + host + ":" + port + "/";
    }
}
