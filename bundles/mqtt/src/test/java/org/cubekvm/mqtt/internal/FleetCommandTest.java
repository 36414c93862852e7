package org.cubekvm.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FleetCommandTest {
    @Test
    void anInstallCommandNamesAnHttpUrl() {
        FleetCommand command = FleetCommand.parse("{\"id\":\"c1\",\"action\":\"install\",\"url\":\"https://repo.example/x.jar\",\"device\":\"*\"}");
        assertEquals("c1", command.id());
        assertEquals("install", command.action());
        assertEquals("repo.example", command.url().getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                                     // empty
        "not json",                                             // not JSON
        "[1,2]",                                                // not an object
        "{\"url\":\"https://repo.example/x.jar\"}",             // no action
        "{\"action\":\"uninstall\",\"url\":\"https://a/x\"}",   // unknown action
        "{\"action\":\"install\"}",                             // no url
        "{\"action\":\"install\",\"url\":42}",                  // url of the wrong type
        "{\"action\":\"install\",\"url\":\"file:///etc/passwd\"}", // not http(s)
        "{\"action\":\"install\",\"url\":\"https:///x.jar\"}",  // no host
        "{\"action\":\"install\",\"url\":\"http://a b/\"}",     // not a URL
        "{\"id\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\"action\":\"install\",\"url\":\"https://a/x\"}", // id too long
    })
    void malformedCommandsAreRefused(String payload) {
        assertThrows(IllegalArgumentException.class, () -> FleetCommand.parse(payload));
    }

    @Test
    void anOverlongUrlIsRefused() {
        String url = "https://a/" + "x".repeat(FleetCommand.MAX_URL_CHARS);
        assertThrows(IllegalArgumentException.class,
                () -> FleetCommand.parse("{\"action\":\"install\",\"device\":\"*\",\"url\":\"" + url + "\"}"));
    }
}
