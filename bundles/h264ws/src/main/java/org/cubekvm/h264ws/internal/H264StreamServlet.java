package org.cubekvm.h264ws.internal;

import jakarta.servlet.Servlet;
import java.time.Duration;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.VideoCapture;
import org.cubekvm.api.video.VideoUnavailableException;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code WS /api/stream/h264}: see {@link H264Socket}. Protected (viewer): exists only while the
 * {@link AccessGuard} does; a socket is closed (1008) when the credential that opened it is revoked.
 */
@Component(service = {Servlet.class, H264StreamServlet.class}, property = RestConstants.API_CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/stream/h264")
@HttpWhiteboardServletAsyncSupported
public class H264StreamServlet extends JettyWebSocketServlet {
    private static final long serialVersionUID = 1L;
    /** Client messages are at most 9 bytes; anything up to this size is read and counted as malformed. */
    static final int MAX_CLIENT_MESSAGE = 64 * 1024;

    private final transient VideoCapture capture;
    private final transient AccessGuard guard;
    private final transient H264Stats stats = new H264Stats();
    private final transient H264Sockets sockets = new H264Sockets();

    @Activate
    public H264StreamServlet(@Reference VideoCapture capture, @Reference AccessGuard guard) {
        this.capture = capture;
        this.guard = guard;
    }

    @Deactivate
    void deactivate() {
        sockets.closeAll("H.264 streaming is stopping");
    }

    H264Stats stats() {
        return stats;
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        factory.setMaxBinaryMessageSize(MAX_CLIENT_MESSAGE);
        factory.setMaxTextMessageSize(MAX_CLIENT_MESSAGE);
        factory.setIdleTimeout(Duration.ofMinutes(5));
        factory.setCreator((request, response) -> {
            if (!(request.getHttpServletRequest().getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE)
                    instanceof AuthenticatedUser user)) {
                try {
                    response.sendError(401, "Log in first");
                } catch (java.io.IOException ignored) {
                    // the client is gone
                }
                return null;
            }
            // Defence in depth: watching needs viewer, checked where the socket is made.
            if (!user.role().includes(Role.VIEWER)) {
                try {
                    response.sendError(403, "Role " + user.role().id() + " may not watch the video");
                } catch (java.io.IOException ignored) {
                    // the client is gone
                }
                return null;
            }
            AccessGuard.Registration slot;
            try {
                slot = guard.openVideoStream(user);
            } catch (ApiException e) {
                try {
                    response.sendError(e.status(), e.getMessage());
                } catch (java.io.IOException ignored) {
                    // the client is gone
                }
                return null;
            }
            H264Socket socket = new H264Socket(stats, sockets);
            AccessGuard.Registration watch = guard.watch(user,
                    () -> socket.close(StatusCode.POLICY_VIOLATION, "The session or token was revoked"));
            socket.whenReleased(() -> {
                watch.close();
                slot.close();
            });
            try {
                socket.attach(capture.open(Codec.H264, "h264", socket));
                return socket;
            } catch (VideoUnavailableException e) {
                watch.close();
                slot.close();
                try {
                    response.sendError(503, e.getMessage());
                } catch (java.io.IOException ignored) {
                    // the client is gone
                }
                return null;
            }
        });
    }
}
