package org.cubekvm.atx.internal;

import jakarta.servlet.Servlet;
import java.time.Duration;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.rest.RestConstants;
import org.cubekvm.common.websocket.GuardedSockets;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
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
        // Any logged-in user may listen: watching status is the viewer's.
        GuardedSockets.configure(factory, IDLE_TIMEOUT, MAX_MESSAGE_BYTES, guard, Role.VIEWER, "may not listen to events",
                () -> new EventsConnection(hub));
    }
}
