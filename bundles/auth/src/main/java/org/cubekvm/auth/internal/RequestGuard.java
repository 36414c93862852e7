package org.cubekvm.auth.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.auth.WebSocketUpgrade;
import org.cubekvm.api.http.HttpsEndpoint;
import org.cubekvm.common.servlet.JsonResponses;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * The one guard in front of everything: a whiteboard {@link Preprocessor}, so it runs before a
 * servlet context is chosen and covers Jersey's {@code /api} context, every servlet and
 * WebSocket, and paths nobody serves. It authenticates (session cookie or
 * {@code Authorization: Bearer}), applies {@link AccessRules}, and for cookie-authenticated
 * state-changing requests requires an {@code Origin} (the HTTP core's Origin guard, which runs
 * first, refuses a foreign one).
 *
 * <p>The same service object is the {@link AccessGuard}: both appear together, after the guard
 * exists, and disappear together, so the protected endpoints that depend on {@link AccessGuard}
 * are never registered without it.
 */
@Component(service = {Preprocessor.class, AccessGuard.class}, property = "service.ranking:Integer=500")
public class RequestGuard implements Preprocessor, AccessGuard {
    static final String COOKIE = "cubekvm_session";

    private final AuthService auth;
    private final int httpsPort;

    @Activate
    public RequestGuard(@Reference AuthService auth, @Reference HttpsEndpoint https, BundleContext context) {
        this.auth = auth;
        this.httpsPort = https.port();
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing to release
    }

    @Override
    public Registration watch(AuthenticatedUser user, Runnable onRevoked) {
        return auth.watch(user, onRevoked);
    }

    @Override
    public Registration openVideoStream(AuthenticatedUser user) {
        return auth.openVideoStream(user);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = path(request);
        if (httpsPort > 0 && !request.isSecure() && auth.config().redirectToHttps() && !"/healthz".equals(path)) {
            redirectToHttps(request, response);
            return;
        }
        String bearer = bearerToken(request);
        String redfishToken = bearer == null ? RedfishBasicAuth.sessionToken(request, path) : null;
        String cookie = bearer == null && redfishToken == null ? sessionCookie(request) : null;
        String[] basic = bearer == null && redfishToken == null && RedfishBasicAuth.applies(path)
                ? RedfishBasicAuth.credentials(request) : null;
        AuthenticatedUser user = null;
        if (bearer != null) {
            user = auth.authenticateBearer(bearer);
        } else if (redfishToken != null) {
            // A Redfish session (POST …/SessionService/Sessions): a login session sent as a header, not a
            // cookie, so no Origin is needed (a browser never adds it by itself).
            AuthenticatedUser session = auth.authenticateSession(redfishToken);
            user = session == null ? null : new AuthenticatedUser(session.username(), session.role(),
                    session.credentialId(), false);
        } else if (basic != null) {
            // Redfish clients send HTTP basic credentials with every request: the login limiter applies.
            try {
                user = auth.authenticateBasic(request.getRemoteAddr(), basic[0], basic[1]);
            } catch (RateLimitedException e) {
                response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
                JsonResponses.sendError(response, 429, "rate_limited", e.getMessage());
                return;
            } catch (org.cubekvm.api.rest.ApiException e) {
                response.setHeader("WWW-Authenticate", RedfishBasicAuth.CHALLENGE);
                JsonResponses.sendError(response, e.status(), e.code(), e.getMessage());
                return;
            }
        } else if (cookie != null) {
            user = auth.authenticateSession(cookie);
        }
        if (user != null) {
            request.setAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE, user);
        }
        if (AccessGuard.isPublicPath(path) || (user == null && AccessGuard.isPublicRequest(request.getMethod(), path))) {
            chain.doFilter(req, res);
            return;
        }
        if (user == null) {
            if (bearer == null) {
                response.setHeader("WWW-Authenticate", RedfishBasicAuth.applies(path) ? RedfishBasicAuth.CHALLENGE
                        : "Bearer realm=\"cubekvm\"");
            }
            String message = bearer != null ? "The API token is not valid (revoked, or its user is disabled)"
                    : redfishToken != null ? "The Redfish session has ended; log in again"
                    : cookie != null ? "The session has ended; log in again"
                    : "Log in first (session cookie) or send an API token (Authorization: Bearer)";
            JsonResponses.sendError(response, 401, "unauthorized", message);
            return;
        }
        if (!user.scope().allows(request.getMethod(), path)) {
            JsonResponses.sendError(response, 403, "token_scope", "This API token has scope " + user.scope().id() + " and may not "
                    + request.getMethod() + " " + path);
            return;
        }
        // The same decision as the HTTP core's Origin filter and as Jetty: every Upgrade header counts.
        WebSocketUpgrade kind = WebSocketUpgrade.classify(request.getHeaders(WebSocketUpgrade.UPGRADE),
                request.getHeaders(WebSocketUpgrade.KEY), request.getHeaders(WebSocketUpgrade.VERSION));
        if (kind == WebSocketUpgrade.CONFLICTING) {
            JsonResponses.sendError(response, 400, "bad_upgrade", "A WebSocket upgrade needs exactly one 'Upgrade: websocket' header;"
                    + " repeated or mixed upgrade headers are refused");
            return;
        }
        boolean upgrade = kind == WebSocketUpgrade.WEBSOCKET;
        Role required = AccessRules.required(request.getMethod(), path, upgrade);
        if (!user.role().includes(required)) {
            JsonResponses.sendError(response, 403, "forbidden", "Role " + user.role().id() + " may not " + request.getMethod() + " "
                    + path + "; it needs " + required.id());
            return;
        }
        if (user.cookie() && !upgrade && !AccessRules.isSafe(request.getMethod()) && request.getHeader("Origin") == null) {
            JsonResponses.sendError(response, 403, "origin_required", "A state-changing request with a session cookie must carry the"
                    + " Origin header of this server");
            return;
        }
        chain.doFilter(req, res);
    }

    /** The path exactly as the HTTP whiteboard resolves it (servlet path + path info, decoded and normalised). */
    static String path(HttpServletRequest request) {
        String path = request.getServletPath();
        if (request.getPathInfo() != null) {
            path = path == null ? request.getPathInfo() : path.concat(request.getPathInfo());
        }
        return path == null || path.isEmpty() ? "/" : path;
    }

    static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    static String sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private void redirectToHttps(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AccessRules.isSafe(request.getMethod())) {
            JsonResponses.sendError(response, 403, "https_required", "This server accepts changes over HTTPS only (port " + httpsPort + ")");
            return;
        }
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String query = request.getQueryString();
        String target = "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + request.getRequestURI()
                + (query == null ? "" : "?" + query);
        response.setStatus(308);
        response.setHeader("Location", target);
        response.setContentLength(0);
    }

}
