package org.cubekvm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The device profile serves HTTPS by default (issue 11): with the repository's own config/, sg2002
 * resolves to HTTPS on 443 with port 80 redirecting to it, the PC profiles to plain HTTP; an explicit
 * --https-port wins either way.
 */
class DeviceHttpsDefaultTest {
    /** The repository root: config/ there is what the distribution ships as conf/../config. */
    private static final Path REPOSITORY = Path.of("..", "..").toAbsolutePath().normalize();

    private static Properties profile(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(REPOSITORY.resolve("config").resolve(name).resolve("profile.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static Map<String, Object> framework(String... args) throws IOException {
        LaunchOptions options = LaunchOptions.parse(List.of(args), REPOSITORY);
        return FrameworkProperties.build(options, profile(options.profile()));
    }

    @Test
    void theDeviceProfileServesHttpsOn443() throws IOException {
        assertEquals("443", framework("--profile", "sg2002", "--port", "80").get("cubekvm.https.port"));
    }

    @Test
    void theDeviceRedirectsHttpToHttps() throws IOException {
        Map<String, Map<String, String>> configuration = ProfileConfiguration.load(REPOSITORY, "sg2002");
        assertEquals("true", String.valueOf(configuration.get("org.cubekvm.auth").get("redirectToHttps")));
    }

    @Test
    void pcProfilesKeepPlainHttp() throws IOException {
        for (String name : new String[] {"virtual", "bench", "v4l2"}) {
            assertEquals("0", framework("--profile", name).get("cubekvm.https.port"), name);
            String redirect = ProfileConfiguration.load(REPOSITORY, name).getOrDefault("org.cubekvm.auth", Map.of()).get("redirectToHttps");
            assertTrue(redirect == null || "false".equals(String.valueOf(redirect)), name);
        }
        assertEquals("127.0.0.1", LaunchOptions.parse(List.of("--profile", "virtual"), REPOSITORY).bind());
    }

    @Test
    void anExplicitPortWins() throws IOException {
        assertEquals("0", framework("--profile", "sg2002", "--https-port", "0").get("cubekvm.https.port"));
        assertEquals("8443", framework("--profile", "sg2002", "--https-port", "8443").get("cubekvm.https.port"));
        assertEquals("8443", framework("--profile", "virtual", "--https-port", "8443").get("cubekvm.https.port"));
    }

    @Test
    void aBadProfilePortIsNamed() {
        Properties bad = new Properties();
        bad.setProperty("https.port", "https");
        LaunchOptions options = LaunchOptions.parse(List.of("--profile", "sg2002"), REPOSITORY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options.httpsPort(bad));
        assertTrue(e.getMessage().contains("'https'"), e.getMessage());
    }
}
