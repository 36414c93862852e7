package org.cubekvm.hid.internal;

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
 * {@code WS /api/hid}: the browser's keyboard and mouse (protocol in {@link HidMessages}).
 * A Jetty-native WebSocket servlet on the servlet whiteboard, so it unregisters cleanly when
 * the bundle stops. It joins Jersey's {@code /api} servlet context (an exact pattern there beats
 * Jersey's {@code /*}; in the default context {@code /api/hid} would never be reached).
 *
 * <p>Messages of up to 64 KiB are read and judged by the application (a malformed one is
 * counted and dropped; the socket stays open); only a larger one makes Jetty close the socket
 * (1009). A connection that sends nothing for {@link #IDLE_TIMEOUT} is closed, which releases
 * what it held: the web UI sends a heartbeat every second.
 *
 * <p>When this bundle stops, the HTTP core removes {@link HidConnection} from Jetty's WebSocket
 * metadata cache, which would otherwise keep every old revision's class loader.
 *
 * <p>Protected (operator): it exists only while the {@link AccessGuard} does, and a connection
 * is closed (1008) when the session or token that opened it is revoked.
 */
@Component(service = Servlet.class, property = RestConstants.API_CONTEXT_SELECT)
@HttpWhiteboardServletPattern(HidWebSocketServlet.PATTERN)
@HttpWhiteboardServletAsyncSupported
public class HidWebSocketServlet extends JettyWebSocketServlet {
    private static final long serialVersionUID = 1L;

    /** Relative to the /api context: the socket is at {@code /api/hid}. */
    static final String PATTERN = "/hid";
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    @Reference
    private transient HidHub hub;
    /** Fail closed: this endpoint exists only while access control does. */
    @Reference
    private transient AccessGuard guard;

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        // Defence in depth: the socket sends keys, so it needs operator here too, whatever a
        // filter in front decided about the request.
        GuardedSockets.configure(factory, IDLE_TIMEOUT, MAX_MESSAGE_BYTES, guard, Role.OPERATOR,
                "may not use the keyboard and mouse; it needs operator", () -> new HidConnection(hub));
    }
}
