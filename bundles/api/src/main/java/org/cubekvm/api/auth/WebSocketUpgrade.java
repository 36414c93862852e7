package org.cubekvm.api.auth;

import java.util.Enumeration;
import java.util.Locale;

/**
 * Whether a request asks for a WebSocket, decided once for every filter that must agree with
 * Jetty (the access guard's role table, the Origin check). Jetty upgrades when <em>any</em>
 * {@code Upgrade} header's value is {@code websocket} (case-insensitive), wherever it sits among
 * repeated headers; a filter that read only the first header would treat such a request as a
 * plain GET while Jetty hands out a socket. So every {@code Upgrade} header and every
 * {@code Sec-WebSocket-*} handshake header is looked at, and anything but one clean handshake is
 * {@link #CONFLICTING}, which the HTTP core and the guard refuse (400) before any servlet runs.
 */
public enum WebSocketUpgrade {
    /** No {@code Upgrade} header names {@code websocket} and no WebSocket handshake header is present. */
    NONE,
    /** Exactly one {@code Upgrade: websocket} header (the only token) and at most one key and version. */
    WEBSOCKET,
    /** Repeated, mixed or partial upgrade headers: refuse, never guess which one a server will read. */
    CONFLICTING;

    /** Header names this decision reads. */
    public static final String UPGRADE = "Upgrade";
    public static final String KEY = "Sec-WebSocket-Key";
    public static final String VERSION = "Sec-WebSocket-Version";

    /**
     * @param upgrade every value of the {@code Upgrade} header, in order (null or empty: none)
     * @param key     every value of {@code Sec-WebSocket-Key}
     * @param version every value of {@code Sec-WebSocket-Version}
     */
    public static WebSocketUpgrade classify(Enumeration<String> upgrade, Enumeration<String> key,
            Enumeration<String> version) {
        int upgradeHeaders = 0;
        boolean websocketToken = false;
        boolean onlyWebsocket = true;
        if (upgrade != null) {
            while (upgrade.hasMoreElements()) {
                String value = upgrade.nextElement();
                upgradeHeaders++;
                String text = value == null ? "" : value;
                boolean exactly = text.strip().equalsIgnoreCase("websocket");
                onlyWebsocket &= exactly;
                for (String token : text.split(",", -1)) {
                    // A protocol token may carry a version (websocket/13): compare the name.
                    String name = token.strip();
                    int slash = name.indexOf('/');
                    if ((slash < 0 ? name : name.substring(0, slash)).strip().toLowerCase(Locale.ROOT).equals("websocket")) {
                        websocketToken = true;
                    }
                }
            }
        }
        int keys = count(key);
        int versions = count(version);
        if (!websocketToken && keys == 0 && versions == 0) {
            return NONE;
        }
        if (upgradeHeaders == 1 && onlyWebsocket && keys <= 1 && versions <= 1) {
            return WEBSOCKET;
        }
        return CONFLICTING;
    }

    private static int count(Enumeration<String> values) {
        int n = 0;
        if (values != null) {
            while (values.hasMoreElements()) {
                values.nextElement();
                n++;
            }
        }
        return n;
    }
}
