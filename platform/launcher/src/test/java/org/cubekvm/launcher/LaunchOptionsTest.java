package org.cubekvm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchOptionsTest {
    private static final Path HOME = Path.of("/opt/cubekvm");

    @Test
    void defaultsAreTheVirtualProfileOnLocalhost8080() {
        LaunchOptions options = LaunchOptions.parse(List.of(), HOME);
        assertEquals(8080, options.port());
        assertEquals("127.0.0.1", options.bind());
        assertEquals(LaunchOptions.PROFILE_DEFAULT, options.httpsPort());
        assertEquals("virtual", options.profile());
        assertEquals(Path.of("data").toAbsolutePath().normalize(), options.data());
        assertEquals("http://localhost:8080/", options.url());
    }

    @Test
    void everyOptionInBothSpellings() {
        LaunchOptions options = LaunchOptions.parse(List.of("--port", "9000", "--bind=0.0.0.0", "--https-port", "9443",
                "--data", "/tmp/kvm", "--profile=bench", "--jvm", "device"), HOME);
        assertEquals(9000, options.port());
        assertEquals("0.0.0.0", options.bind());
        assertEquals(9443, options.httpsPort());
        assertEquals(Path.of("/tmp/kvm"), options.data());
        assertEquals("bench", options.profile());
    }

    @Test
    void deviceProfilesListenOnEveryInterfaceByDefault() {
        assertEquals("0.0.0.0", LaunchOptions.parse(List.of("--profile", "sg2002"), HOME).bind());
    }

    @ParameterizedTest
    @CsvSource({"--port,abc,--port", "--port,70000,--port", "--port,0,--port", "--https-port,-1,--https-port",
            "--profile,../etc,--profile", "--frobnicate,1,unknown option"})
    void badOptionsAreNamed(String option, String value, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of(option, value), HOME));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void anOptionWithoutItsValueIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of("--data"), HOME));
        assertTrue(e.getMessage().contains("--data needs a value"), e.getMessage());
    }
}
