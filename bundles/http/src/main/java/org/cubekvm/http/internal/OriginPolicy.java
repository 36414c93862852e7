package org.cubekvm.http.internal;

import java.util.Locale;

/**
 * Decides whether a request may change state given its Origin: no page on another site may
 * drive the KVM. Safe methods pass; state-changing methods pass without an Origin (scripts,
 * curl) or with the server's own; WebSocket upgrades always need the server's own Origin.
 */
final class OriginPolicy {
    private OriginPolicy() {
    }

    /** @return null when allowed, else the reason for a 403 */
    static String check(String method, boolean webSocketUpgrade, String origin, String scheme, String host) {
        boolean stateChanging = webSocketUpgrade || !isSafe(method);
        if (!stateChanging) {
            return null;
        }
        if (origin == null) {
            return webSocketUpgrade ? "A WebSocket upgrade must carry the Origin header of this server" : null;
        }
        if (host == null || host.isBlank()) {
            return "The request has no Host header, so its Origin cannot be checked";
        }
        String expected = scheme.toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT);
        String actual = stripDefaultPort(origin.trim().toLowerCase(Locale.ROOT));
        if (actual.equals(stripDefaultPort(expected))) {
            return null;
        }
        return "Origin " + shorten(origin) + " is not this server's origin; cross-site requests are refused";
    }

    static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method);
    }

    private static String stripDefaultPort(String origin) {
        if (origin.startsWith("http://") && origin.endsWith(":80")) {
            return origin.substring(0, origin.length() - 3);
        }
        if (origin.startsWith("https://") && origin.endsWith(":443")) {
            return origin.substring(0, origin.length() - 4);
        }
        return origin;
    }

    private static String shorten(String origin) {
        String printable = origin.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
