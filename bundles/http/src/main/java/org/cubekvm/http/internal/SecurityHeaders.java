package org.cubekvm.http.internal;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers every response carries, set before any servlet runs (a servlet may replace them:
 * the web UI's HTML sets its own Content-Security-Policy). Set here, in the always-on HTTP
 * core, so they are present even while access control is stopped.
 */
final class SecurityHeaders {
    /** For JSON, streams and anything that is not the web UI's HTML: nothing may load, frame or be framed. */
    static final String DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private SecurityHeaders() {
    }

    static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", DEFAULT_CSP);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
