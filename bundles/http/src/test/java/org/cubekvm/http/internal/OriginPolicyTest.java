package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OriginPolicyTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("GET without Origin", "GET", false, null, "localhost:8080", true),
                Arguments.of("GET from another site", "GET", false, "http://evil.example", "localhost:8080", true),
                Arguments.of("POST without Origin (curl)", "POST", false, null, "localhost:8080", true),
                Arguments.of("POST from the server's own page", "POST", false, "http://localhost:8080", "localhost:8080", true),
                Arguments.of("POST, Origin differs only in case", "POST", false, "HTTP://LocalHost:8080", "localhost:8080", true),
                Arguments.of("POST from another site", "POST", false, "http://evil.example", "localhost:8080", false),
                Arguments.of("PUT from another port", "PUT", false, "http://localhost:9999", "localhost:8080", false),
                Arguments.of("DELETE with Origin null", "DELETE", false, "null", "localhost:8080", false),
                Arguments.of("POST, https page to http server", "POST", false, "https://localhost:8080", "localhost:8080", false),
                Arguments.of("POST, default port spelled out", "POST", false, "http://kvm.local:80", "kvm.local", true),
                Arguments.of("WebSocket from the server's own page", "GET", true, "http://localhost:8080", "localhost:8080", true),
                Arguments.of("WebSocket without Origin", "GET", true, null, "localhost:8080", false),
                Arguments.of("WebSocket from another site", "GET", true, "http://evil.example", "localhost:8080", false),
                Arguments.of("POST without Host", "POST", false, "http://localhost:8080", null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, String method, boolean upgrade, String origin, String host, boolean allowed) {
        assertEquals(allowed, OriginPolicy.check(method, upgrade, origin, "http", host) == null);
    }
}
