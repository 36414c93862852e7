package org.cubekvm.auth.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP basic credentials, accepted only under {@code /redfish} (Redfish clients such as metal3 or
 * Ansible send them with every request); everywhere else the platform takes sessions and tokens
 * only. Bounded before decoding.
 */
final class RedfishBasicAuth {
    static final String CHALLENGE = "Basic realm=\"cubekvm\", charset=\"UTF-8\"";
    /** Longest Authorization header value looked at (user and password are bounded by the user store). */
    static final int MAX_HEADER_CHARS = 1024;

    private RedfishBasicAuth() {
    }

    /** The header carrying a Redfish session's token. */
    static final String SESSION_HEADER = "X-Auth-Token";

    /** @return the {@code X-Auth-Token} under {@code /redfish} (bounded), or null */
    static String sessionToken(HttpServletRequest request, String path) {
        if (!applies(path)) {
            return null;
        }
        String token = request.getHeader(SESSION_HEADER);
        return token == null || token.isBlank() || token.length() > 256 ? null : token.strip();
    }

    static boolean applies(String path) {
        return path.equals("/redfish") || path.startsWith("/redfish/");
    }

    /** @return {user, password}, or null when there is no well-formed basic credential */
    static String[] credentials(HttpServletRequest request) {
        return parse(request.getHeader("Authorization"));
    }

    static String[] parse(String header) {
        if (header == null || header.length() > MAX_HEADER_CHARS || header.length() < 7
                || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    }
}
