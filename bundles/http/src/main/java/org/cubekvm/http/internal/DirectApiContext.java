package org.cubekvm.http.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.rest.ApiError;
import org.cubekvm.api.rest.RestConstants;
import org.cubekvm.common.servlet.JsonResponses;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;

/**
 * The servlet context of the plain servlets and WebSockets under {@code /api} (streams, snapshot,
 * HID and event sockets, WHEP): same path as Jersey's context, ranked above it, so the whiteboard
 * tries it first and falls through to Jersey for every path it does not serve. These servlets
 * therefore do not depend on Jersey's application: they serve while it rebuilds or is stopped.
 *
 * <p>Fail closed like the rest of {@code /api}: the guard and {@link AccessBackstop} are
 * preprocessors, which run for every context; in addition this context refuses any request the
 * guard did not authenticate (no path in it is public), so a servlet placed here is never open.
 */
@Component(service = ServletContextHelper.class, property = {
    "osgi.http.whiteboard.context.name=" + RestConstants.DIRECT_API_CONTEXT_NAME,
    "osgi.http.whiteboard.context.path=/api",
    "service.ranking:Integer=100"})
public class DirectApiContext extends ServletContextHelper {
    private static final byte[] BODY = new ApiError("auth_unavailable",
            "Access control is not running, so protected endpoints are unavailable; try again shortly").toJson();

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE) instanceof AuthenticatedUser) {
            return true;
        }
        response.setHeader("Retry-After", "5");
        JsonResponses.send(response, 503, BODY);
        response.flushBuffer();
        return false;
    }
}
