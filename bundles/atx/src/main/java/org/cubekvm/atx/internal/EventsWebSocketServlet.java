package org.cubekvm.atx.internal;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.time.Duration;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.rest.RestConstants;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code WS /api/events}: the one push channel of the pages (ATX LEDs and power now, media and
 * more later, through {@link org.cubekvm.api.events.PageEvents}). Any logged-in user may listen
 * (watching status is the viewer's); a connection is closed (1008) when the session or token
 * that opened it is revoked. Clients send nothing but may send a heartbeat text; a socket silent
 * in both directions for {@link #IDLE_TIMEOUT} is closed by Jetty, and the page reconnects.
 */
@Component(service = Servlet.class, property = RestConstants.API_CONTEXT_SELECT)
@HttpWhiteboardServletPattern(EventsWebSocketServlet.PATTERN)
@HttpWhiteboardServletAsyncSupported
public class EventsWebSocketServlet extends JettyWebSocketServlet {
    private static final long serialVersionUID = 1L;

    static final String PATTERN = "/events";
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    static final int MAX_MESSAGE_BYTES = 1024;

    @Reference
    private transient PageEventHub hub;
    /** Fail closed: this endpoint exists only while access control does. */
    @Reference
    private transient AccessGuard guard;

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        factory.setIdleTimeout(IDLE_TIMEOUT);
        factory.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
        factory.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        factory.setMaxFrameSize(MAX_MESSAGE_BYTES);
        factory.setCreator((request, response) -> {
            if (!(request.getHttpServletRequest().getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE)
                    instanceof AuthenticatedUser user)) {
                try {
                    response.sendError(401, "Log in first");
                } catch (IOException ignored) {
                    // the client is gone
                }
                return null;
            }
            EventsConnection connection = new EventsConnection(hub);
            AccessGuard.Registration watch = guard.watch(user,
                    () -> connection.close(StatusCode.POLICY_VIOLATION, "The session or token was revoked"));
            connection.whenEnded(watch::close);
            return connection;
        });
    }
}
