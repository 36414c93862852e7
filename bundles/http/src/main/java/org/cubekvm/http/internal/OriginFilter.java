package org.cubekvm.http.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Applies {@link OriginPolicy} to every request, before any servlet context is chosen (a
 * whiteboard preprocessor), so REST, WebSockets and servlets of every bundle are covered.
 * Also gives every response the {@link SecurityHeaders} (the web UI's pages replace the
 * Content-Security-Policy with their own).
 */
@Component(service = Preprocessor.class, property = "service.ranking:Integer=1000")
public class OriginFilter extends StatelessPreprocessor {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        SecurityHeaders.apply(response);
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        String refusal = OriginPolicy.check(request.getMethod(), upgrade, request.getHeader("Origin"),
                request.getScheme(), request.getHeader("Host"));
        if (refusal != null) {
            JsonResponses.send(response, 403, JsonResponses.error("origin_forbidden", refusal));
            return;
        }
        chain.doFilter(req, res);
    }
}
