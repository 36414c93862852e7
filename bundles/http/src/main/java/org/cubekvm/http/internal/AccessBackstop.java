package org.cubekvm.http.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.rest.ApiError;
import org.cubekvm.common.servlet.JsonResponses;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * The second line of "fail closed" (DESIGN §6). Protected endpoints depend on
 * {@link AccessGuard} and vanish with it; but while the auth bundle stops, the guard's
 * preprocessor and the endpoints are unregistered one after the other, not at once. This
 * preprocessor runs after the guard (lower ranking) and refuses any non-public request the guard
 * did not authenticate, so in that window, and whenever the guard is absent, protected paths
 * answer 503 instead of being open. It lives in the always-on HTTP core and knows only which
 * requests are public ({@link AccessGuard#isPublicRequest}).
 */
@Component(service = Preprocessor.class, property = "service.ranking:Integer=100")
public class AccessBackstop extends StatelessPreprocessor {
    private static final byte[] BODY = new ApiError("auth_unavailable",
            "Access control is not running, so protected endpoints are unavailable; try again shortly").toJson();

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE) instanceof AuthenticatedUser
                || AccessGuard.isPublicRequest(request.getMethod(), path(request))) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("Retry-After", "5");
        JsonResponses.send(response, 503, BODY);
    }

    /** Exactly what the HTTP whiteboard resolves servlets by: servlet path + path info. */
    static String path(HttpServletRequest request) {
        String path = request.getServletPath();
        if (request.getPathInfo() != null) {
            path = path == null ? request.getPathInfo() : path.concat(request.getPathInfo());
        }
        return path == null || path.isEmpty() ? "/" : path;
    }
}
