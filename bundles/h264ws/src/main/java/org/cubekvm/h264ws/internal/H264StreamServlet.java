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
import org.cubekvm.common.jetty.ViewerSocket;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code WS /api/stream/h264}: see {@link H264Socket}. Protected (viewer): exists only while the
 * {@link AccessGuard} does; a socket is closed (1008) when the credential that opened it is revoked.
 * Slow links ({@link H264Config}): each socket has a small send buffer and reports what its link
 * can take, and the shared encoder follows the slowest watching viewer within a floor and a ceiling.
 */
@Component(service = {Servlet.class, H264StreamServlet.class}, property = RestConstants.API_CONTEXT_SELECT,
        configurationPid = H264StreamServlet.PID)
@Designate(ocd = H264Config.class)
@HttpWhiteboardServletPattern("/stream/h264")
@HttpWhiteboardServletAsyncSupported
public class H264StreamServlet extends JettyWebSocketServlet {
    private static final long serialVersionUID = 1L;
    static final String PID = "org.cubekvm.h264ws";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("cubekvm.h264ws");
    /** Client messages are at most 9 bytes; anything up to this size is read and counted as malformed. */
    static final int MAX_CLIENT_MESSAGE = 64 * 1024;

    private final transient VideoCapture capture;
    private final transient AccessGuard guard;
    private final transient H264Stats stats = new H264Stats();
    private final transient H264Sockets sockets = new H264Sockets();

    private transient volatile BitrateLimits limits;
    private transient volatile int sendBufferBytes;

    @Activate
    public H264StreamServlet(@Reference VideoCapture capture, @Reference AccessGuard guard, H264Config config) {
        this.capture = capture;
        this.guard = guard;
        configure(config);
    }

    @Modified
    void modified(H264Config config) {
        configure(config);
    }

    /** Validates everything before applying anything. */
    private void configure(H264Config config) {
        BitrateLimits next;
        try {
            next = BitrateLimits.of(config);
            if (config.sendBufferBytes() != 0 && (config.sendBufferBytes() < 4096 || config.sendBufferBytes() > 1024 * 1024)) {
                throw new IllegalArgumentException("sendBufferBytes must be 0 or 4096..1048576, was " + config.sendBufferBytes());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration " + PID + " is invalid: " + e.getMessage(), e);
        }
        limits = next;
        sendBufferBytes = config.sendBufferBytes();
    }

    BitrateLimits limits() {
        return limits;
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
            int sendBuffer = sendBufferBytes;
            if (sendBuffer > 0) {
                try {
                    ViewerSocket.limitSendBuffer(request.getHttpServletRequest(), sendBuffer);
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.debug("h264ws: send buffer left as it was: {}", e.toString());
                }
            }
            H264Socket socket = new H264Socket(stats, sockets, this::limits);
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
