package org.cubekvm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Framework properties: {@code conf/framework.properties} of the distribution, then the
 * profile's {@code framework.*} overrides, then what the command line decides, then
 * {@code -Dorg.osgi.*}/{@code -Dfelix.*}/{@code -Dorg.apache.felix.*} system properties.
 */
final class FrameworkProperties {
    private FrameworkProperties() {
    }

    static Map<String, Object> build(LaunchOptions options, Properties profile) throws IOException {
        Map<String, Object> properties = new HashMap<>();
        Path file = options.home().resolve("conf").resolve("framework.properties");
        if (Files.exists(file)) {
            Properties base = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                base.load(in);
            }
            base.stringPropertyNames().forEach(key -> properties.put(key, base.getProperty(key)));
        }
        for (String key : profile.stringPropertyNames()) {
            if (key.startsWith("framework.")) {
                properties.put(key.substring("framework.".length()), profile.getProperty(key));
            }
        }
        Path data = options.data();
        properties.put("org.osgi.framework.storage", data.resolve("felix-cache").toString());
        properties.put("org.osgi.framework.storage.clean", "none");
        properties.put("felix.cm.dir", data.resolve("config").toString());
        properties.put("org.osgi.service.http.port", Integer.toString(options.port()));
        properties.put("org.apache.felix.http.host", options.bind());
        properties.put("cubekvm.https.port", Integer.toString(options.httpsPort(profile)));
        properties.put("cubekvm.profile", options.profile());
        properties.put("cubekvm.data", data.toString());
        properties.put("cubekvm.home", options.home().toString());
        properties.put("cubekvm.version", version(options.home()));
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("org.osgi.") || key.startsWith("felix.") || key.startsWith("org.apache.felix.")
                    || key.startsWith("cubekvm.")) {
                properties.put(key, System.getProperty(key));
            }
        }
        return properties;
    }

    private static String version(Path home) throws IOException {
        Path file = home.resolve("conf").resolve("version");
        return Files.exists(file) ? Files.readString(file).trim() : "dev";
    }
}
