package org.cubekvm.mjpeg.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.rest.RestConstants;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.FrameListener;
import org.cubekvm.api.video.VideoCapture;
import org.cubekvm.api.video.VideoFrame;
import org.cubekvm.api.video.VideoStream;
import org.cubekvm.api.video.VideoUnavailableException;
import org.cubekvm.common.servlet.JsonResponses;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code GET /api/snapshot}: the current screen as one JPEG from the shared MJPEG encoder. */
@Component(service = Servlet.class, property = RestConstants.API_CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/snapshot")
public class SnapshotServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final long WAIT_MILLIS = 3000;

    private final transient VideoCapture capture;

    @Activate
    /** @param guard fail closed: this endpoint exists only while access control does */
    public SnapshotServlet(@Reference VideoCapture capture, @Reference AccessGuard guard) {
        this.capture = capture;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Semaphore ready = new Semaphore(0);
        FrameListener listener = new FrameListener() {
            @Override
            public void frameAvailable(VideoStream stream) {
                ready.release();
            }
        };
        try (VideoStream stream = capture.open(Codec.MJPEG, "snapshot", listener)) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
            VideoFrame frame = stream.acquireNewest();
            while (frame == null && System.nanoTime() < deadline) {
                ready.tryAcquire(50, TimeUnit.MILLISECONDS);
                frame = stream.acquireNewest();
            }
            if (frame == null) {
                JsonResponses.sendError(response, 503, "no_signal", "No picture arrived within " + WAIT_MILLIS + " ms: the source has no signal");
                return;
            }
            response.setContentType("image/jpeg");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Timestamp", Long.toString(frame.captureMicros()));
            response.setHeader("X-Frame-Seq", Long.toString(frame.seq()));
            response.setContentLength(frame.size());
            response.getOutputStream().write(frame.data());
            frame.release();
        } catch (VideoUnavailableException e) {
            JsonResponses.sendError(response, 503, "video_unavailable", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            JsonResponses.sendError(response, 503, "unavailable", "The server is shutting down");
        }
    }
}
