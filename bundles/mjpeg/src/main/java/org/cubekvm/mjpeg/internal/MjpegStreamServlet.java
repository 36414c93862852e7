package org.cubekvm.mjpeg.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.net.SendQueue;
import org.cubekvm.api.net.SocketQueues;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.VideoCapture;
import org.cubekvm.api.video.VideoStream;
import org.cubekvm.api.video.VideoUnavailableException;
import org.cubekvm.common.jetty.ViewerSocket;
import org.cubekvm.common.servlet.JsonResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/stream/mjpeg[?fps=N]}: multipart JPEG frames with {@code X-Timestamp} and
 * {@code X-Frame-Seq}. All viewers share one encoder; {@code fps} only thins out frames for
 * this viewer. Protected (viewer): exists only while the {@link AccessGuard} does; a stream ends
 * when the credential that opened it is revoked. Each stream takes a slot of the guard's video
 * budget first (429 {@code too_many_streams} when the credential or the device has none left).
 * Each viewer's socket gets a small send buffer ({@link ViewerSocket}, {@link MjpegConfig}), and,
 * where the native bundle can read the socket's send queue ({@link SocketQueues}), the viewer takes
 * its next frame only once the previous one has nearly left ({@link SendGate}, {@link SendPacer}):
 * on a slow link about one frame is in flight (docs/video.md "Slow links").
 */
@Component(service = Servlet.class, property = RestConstants.API_CONTEXT_SELECT, configurationPid = MjpegStreamServlet.PID)
@Designate(ocd = MjpegConfig.class)
@HttpWhiteboardServletPattern("/stream/mjpeg")
@HttpWhiteboardServletAsyncSupported
public class MjpegStreamServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String PID = "org.cubekvm.mjpeg";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.mjpeg");

    private final transient VideoCapture capture;
    private final transient AccessGuard guard;
    /** How often the pacer looks at viewers waiting for their socket to drain. */
    static final long PACER_TICK_NANOS = 2_000_000L;
    private final transient MjpegViewers viewers = new MjpegViewers();
    private final transient SendPacer pacer = new SendPacer(PACER_TICK_NANOS, "cubekvm-mjpeg-pacer");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile SocketQueues socketQueues;

    private volatile int sendBufferBytes;
    private volatile int sendQueueBytes;
    private volatile long sendQueueMaxWaitNanos;

    @Activate
    public MjpegStreamServlet(@Reference VideoCapture capture, @Reference AccessGuard guard, MjpegConfig config) {
        this.capture = capture;
        this.guard = guard;
        modified(config);
    }

    @Modified
    void modified(MjpegConfig config) {
        int sendBuffer = validSendBuffer(config);
        int sendQueue = validSendQueue(config);
        long maxWait = validMaxWait(config);
        sendBufferBytes = sendBuffer;
        sendQueueBytes = sendQueue;
        sendQueueMaxWaitNanos = maxWait;
    }

    /** @throws IllegalArgumentException naming the bad value */
    static int validSendQueue(MjpegConfig config) {
        int bytes = config.sendQueueBytes();
        if (bytes != 0 && (bytes < MjpegConfig.MIN_SEND_QUEUE || bytes > MjpegConfig.MAX_SEND_QUEUE)) {
            throw new IllegalArgumentException("configuration " + PID + " is invalid: sendQueueBytes must be 0 or "
                    + MjpegConfig.MIN_SEND_QUEUE + ".." + MjpegConfig.MAX_SEND_QUEUE + ", was " + bytes);
        }
        return bytes;
    }

    /** @throws IllegalArgumentException naming the bad value */
    static long validMaxWait(MjpegConfig config) {
        int millis = config.sendQueueMaxWaitMillis();
        if (millis < 10 || millis > 10_000) {
            throw new IllegalArgumentException("configuration " + PID
                    + " is invalid: sendQueueMaxWaitMillis must be 10..10000, was " + millis);
        }
        return millis * 1_000_000L;
    }

    /** @throws IllegalArgumentException naming the bad value */
    static int validSendBuffer(MjpegConfig config) {
        int bytes = config.sendBufferBytes();
        if (bytes != 0 && (bytes < MjpegConfig.MIN_SEND_BUFFER || bytes > MjpegConfig.MAX_SEND_BUFFER)) {
            throw new IllegalArgumentException("configuration " + PID + " is invalid: sendBufferBytes must be 0 or "
                    + MjpegConfig.MIN_SEND_BUFFER + ".." + MjpegConfig.MAX_SEND_BUFFER + ", was " + bytes);
        }
        return bytes;
    }

    @Deactivate
    void deactivate() {
        viewers.endAll(MjpegViewer.END_GRACE_NANOS / 1_000_000);
        pacer.stop();
    }

    /** The viewer's gate, or null (today's behaviour) when turned off or the socket's queue cannot be read (no native library). */
    private SendGate sendGate(HttpServletRequest request) {
        int threshold = sendQueueBytes;
        SocketQueues queues = socketQueues;
        if (threshold == 0 || queues == null) {
            return null;
        }
        try {
            SocketChannel channel = ViewerSocket.channel(request);
            SendQueue queue = channel != null ? queues.sendQueue(channel) : null;
            return queue != null ? new SendGate(queue, threshold, sendQueueMaxWaitNanos) : null;
        } catch (RuntimeException e) {
            LOG.debug("mjpeg: socket queue not readable, frames are taken as the socket accepts them: {}", e.toString());
            return null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE) instanceof AuthenticatedUser user)) {
            JsonResponses.sendError(response, 401, "unauthorized", "Log in first");
            return;
        }
        int fps;
        try {
            fps = QueryParameters.intParameter(request.getParameter("fps"), "fps", 1, 60, 0);
        } catch (IllegalArgumentException e) {
            JsonResponses.sendError(response, 400, "bad_request", e.getMessage());
            return;
        }
        AccessGuard.Registration slot;
        try {
            slot = guard.openVideoStream(user);
        } catch (ApiException e) {
            JsonResponses.sendError(response, e.status(), e.code(), e.getMessage());
            return;
        }
        int sendBuffer = sendBufferBytes;
        if (sendBuffer > 0) {
            try {
                ViewerSocket.limitSendBuffer(request, sendBuffer);
            } catch (IOException | RuntimeException e) {
                LOG.debug("mjpeg: send buffer left as it was: {}", e.toString());
            }
        }
        response.setContentType(PartHeader.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        ServletOutputStream out = response.getOutputStream();
        MjpegViewer viewer = new MjpegViewer(async, out, fps, viewers, sendGate(request), pacer);
        VideoStream stream;
        try {
            stream = capture.open(Codec.MJPEG, "mjpeg", viewer);
        } catch (VideoUnavailableException e) {
            slot.close();
            response.reset();
            JsonResponses.sendError(response, 503, "video_unavailable", e.getMessage());
            async.complete();
            return;
        }
        viewer.attach(stream);
        viewers.add(viewer);
        AccessGuard.Registration watch = guard.watch(user, viewer::end);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                ended();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                ended();
            }

            @Override
            public void onError(AsyncEvent event) {
                ended();
            }

            private void ended() {
                watch.close();
                slot.close();
                viewer.close();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // not restarted
            }
        });
        out.setWriteListener(viewer);
    }
}
