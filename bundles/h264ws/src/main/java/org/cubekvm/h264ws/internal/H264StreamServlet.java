package org.cubekvm.h264ws.internal;

import jakarta.servlet.Servlet;
import java.time.Duration;
import org.cubekvm.api.rest.RestConstants;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.VideoCapture;
import org.cubekvm.api.video.VideoUnavailableException;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code WS /api/stream/h264}: see {@link H264Socket}. */
@Component(service = {Servlet.class, H264StreamServlet.class}, property = RestConstants.API_CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/stream/h264")
@HttpWhiteboardServletAsyncSupported
public class H264StreamServlet extends JettyWebSocketServlet {
    private static final long serialVersionUID = 1L;
    /** Client messages are at most 9 bytes; anything up to this size is read and counted as malformed. */
    static final int MAX_CLIENT_MESSAGE = 64 * 1024;

    private final transient VideoCapture capture;
    private final transient H264Stats stats = new H264Stats();
    private final transient H264Sockets sockets = new H264Sockets();

    @Activate
    public H264StreamServlet(@Reference VideoCapture capture) {
        this.capture = capture;
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
            H264Socket socket = new H264Socket(stats, sockets);
            try {
                socket.attach(capture.open(Codec.H264, "h264", socket));
                return socket;
            } catch (VideoUnavailableException e) {
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
