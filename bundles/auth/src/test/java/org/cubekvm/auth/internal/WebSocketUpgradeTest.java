package org.cubekvm.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.cubekvm.api.auth.WebSocketUpgrade;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one upgrade decision the guard and the Origin filter share: every header counts, as in Jetty. */
class WebSocketUpgradeTest {
    private static final List<String> NO = List.of();
    private static final List<String> KEY = List.of("dGhlIHNhbXBsZSBub25jZQ==");
    private static final List<String> V13 = List.of("13");

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("plain GET", NO, NO, NO, WebSocketUpgrade.NONE),
                Arguments.of("h2c upgrade", List.of("h2c"), NO, NO, WebSocketUpgrade.NONE),
                Arguments.of("TLS upgrade", List.of("TLS/1.2, HTTP/1.1"), NO, NO, WebSocketUpgrade.NONE),
                Arguments.of("a clean handshake", List.of("websocket"), KEY, V13, WebSocketUpgrade.WEBSOCKET),
                Arguments.of("any case", List.of("WebSocket"), KEY, V13, WebSocketUpgrade.WEBSOCKET),
                Arguments.of("spaces around", List.of("  websocket "), KEY, V13, WebSocketUpgrade.WEBSOCKET),
                Arguments.of("no key (Jetty refuses it later)", List.of("websocket"), NO, NO, WebSocketUpgrade.WEBSOCKET),
                // The finding: the first header is not a WebSocket, a later one is; Jetty upgrades.
                Arguments.of("x then websocket", List.of("x", "websocket"), KEY, V13, WebSocketUpgrade.CONFLICTING),
                Arguments.of("websocket then x", List.of("websocket", "x"), KEY, V13, WebSocketUpgrade.CONFLICTING),
                Arguments.of("websocket twice", List.of("websocket", "websocket"), KEY, V13, WebSocketUpgrade.CONFLICTING),
                Arguments.of("empty then websocket", List.of("", "websocket"), KEY, V13, WebSocketUpgrade.CONFLICTING),
                Arguments.of("a list with websocket", List.of("x, websocket"), KEY, V13, WebSocketUpgrade.CONFLICTING),
                Arguments.of("websocket with a version", List.of("websocket/13"), KEY, V13, WebSocketUpgrade.CONFLICTING),
                Arguments.of("h2c then websocket", List.of("h2c", "WEBSOCKET"), NO, NO, WebSocketUpgrade.CONFLICTING),
                Arguments.of("a key without Upgrade", NO, KEY, V13, WebSocketUpgrade.CONFLICTING),
                Arguments.of("a version without Upgrade", NO, NO, V13, WebSocketUpgrade.CONFLICTING),
                Arguments.of("a key with another Upgrade", List.of("x"), KEY, V13, WebSocketUpgrade.CONFLICTING),
                Arguments.of("two keys", List.of("websocket"), List.of("a", "b"), V13, WebSocketUpgrade.CONFLICTING),
                Arguments.of("two versions", List.of("websocket"), KEY, List.of("13", "8"), WebSocketUpgrade.CONFLICTING),
                Arguments.of("an empty Upgrade header", List.of(""), NO, NO, WebSocketUpgrade.NONE),
                Arguments.of("a comma only", List.of(","), NO, NO, WebSocketUpgrade.NONE),
                Arguments.of("websocket,", List.of("websocket,"), KEY, V13, WebSocketUpgrade.CONFLICTING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void classifies(String name, List<String> upgrade, List<String> key, List<String> version, WebSocketUpgrade expected) {
        assertEquals(expected, WebSocketUpgrade.classify(Collections.enumeration(upgrade), Collections.enumeration(key),
                Collections.enumeration(version)), name);
    }

    @org.junit.jupiter.api.Test
    void absentEnumerationsAreNoHeaders() {
        assertEquals(WebSocketUpgrade.NONE, WebSocketUpgrade.classify(null, null, null));
    }
}
