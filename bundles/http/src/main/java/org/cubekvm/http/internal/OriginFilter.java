package org.cubekvm.http.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cubekvm.api.auth.WebSocketUpgrade;
import org.cubekvm.common.servlet.JsonResponses;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Refuses ambiguous WebSocket upgrades ({@link WebSocketUpgrade#CONFLICTING}, 400) and applies
 * {@link OriginPolicy} to every request, before any servlet context is chosen (a
 * whiteboard preprocessor), so REST, WebSockets and servlets of every bundle are covered.
 * Also gives every response the {@link SecurityHeaders} (the web UI's pages replace the
 * Content-Security-Policy with their own).
 */
@Component(service = Preprocessor.class, property = "service.ranking:Integer=1000")
public class OriginFilter extends StatelessPreprocessor {
    static final String CONFLICTING_UPGRADE = "A WebSocket upgrade needs exactly one 'Upgrade: websocket' header and at"
            + " most one Sec-WebSocket-Key and Sec-WebSocket-Version; repeated or mixed upgrade headers are refused";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        SecurityHeaders.apply(response);
        WebSocketUpgrade kind = WebSocketUpgrade.classify(request.getHeaders(WebSocketUpgrade.UPGRADE),
                request.getHeaders(WebSocketUpgrade.KEY), request.getHeaders(WebSocketUpgrade.VERSION));
        if (kind == WebSocketUpgrade.CONFLICTING) {
            JsonResponses.sendError(response, 400, "bad_upgrade", CONFLICTING_UPGRADE);
            return;
        }
        boolean upgrade = kind == WebSocketUpgrade.WEBSOCKET;
        String refusal = OriginPolicy.check(request.getMethod(), upgrade, request.getHeader("Origin"),
                request.getScheme(), request.getHeader("Host"));
        if (refusal != null) {
            JsonResponses.sendError(response, 403, "origin_forbidden", refusal);
            return;
        }
        chain.doFilter(req, res);
    }
}
