package org.cubekvm.auth.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedfishBasicAuthTest {
    static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWellFormedCredentialSplitsAtTheFirstColon() {
        assertArrayEquals(new String[] {"admin", "pa:ss wörd"}, RedfishBasicAuth.parse(basic("admin:pa:ss wörd")));
        assertArrayEquals(new String[] {"admin", ""}, RedfishBasicAuth.parse(basic("admin:")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer abc", "Basic", "Basic !!!not-base64", "Basic YWRtaW4=" /* no colon */,
        "Basic OnB3" /* empty user */})
    void malformedHeadersAreNoCredential(String header) {
        assertNull(RedfishBasicAuth.parse(header));
    }

    @Test
    void anOverlongHeaderIsNotDecoded() {
        assertNull(RedfishBasicAuth.parse(basic("admin:" + "x".repeat(RedfishBasicAuth.MAX_HEADER_CHARS))));
    }

    @Test
    void onlyRedfishPathsTakeBasicCredentials() {
        assertTrue(RedfishBasicAuth.applies("/redfish/v1/Systems/1"));
        assertTrue(RedfishBasicAuth.applies("/redfish"));
        assertFalse(RedfishBasicAuth.applies("/api/hid"));
        assertFalse(RedfishBasicAuth.applies("/redfishy"));
    }
}
