package org.cubekvm.auth.internal;

import jakarta.servlet.http.HttpServletRequest;

/** The session cookie: HttpOnly, SameSite=Strict, Secure when the request came over TLS (plain HTTP on a LAN still works). */
final class Cookies {
    private Cookies() {
    }

    static String session(String token, HttpServletRequest request) {
        return RequestGuard.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : "");
    }

    static String cleared(HttpServletRequest request) {
        return RequestGuard.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : "");
    }
}
