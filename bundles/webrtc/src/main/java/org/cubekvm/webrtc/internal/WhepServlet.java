package org.cubekvm.webrtc.internal;

import com.google.gson.Gson;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.rest.RestConstants;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.VideoCapture;
import org.cubekvm.api.video.VideoStream;
import org.cubekvm.api.video.VideoUnavailableException;
import org.cubekvm.common.servlet.JsonResponses;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WHEP egress (draft-ietf-wish-whep): {@code POST /api/webrtc/whep} with an SDP offer answers
 * {@code 201} with the SDP answer and the session's {@code Location}; {@code DELETE} on it ends
 * the session. {@code GET /api/webrtc/stats} reports the transport's counters. Protected
 * (viewer, decided centrally by the access guard and checked again here); a session ends when the
 * credential that made it is revoked. Owns the media port and the sender thread: stopping the
 * bundle ends every session.
 */
@Component(service = Servlet.class, property = RestConstants.API_CONTEXT_SELECT, configurationPid = WhepServlet.PID)
@Designate(ocd = WebRtcConfig.class)
@HttpWhiteboardServletPattern({"/webrtc/whep", "/webrtc/whep/*", "/webrtc/stats"})
public class WhepServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String PID = "org.cubekvm.webrtc";
    static final String LOCATION_PREFIX = "/api/webrtc/whep/";
    /** Framework or system property overriding the host candidates when the setting is empty. */
    static final String CANDIDATES_PROPERTY = "cubekvm.webrtc.candidates";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.webrtc");
    private static final Gson GSON = new Gson();

    private final transient VideoCapture capture;
    private final transient AccessGuard guard;
    private final transient SecureRandom random = new SecureRandom();
    private final transient WebRtcStats stats = new WebRtcStats();
    private final transient Map<String, WebRtcSession> sessions = new ConcurrentHashMap<>();
    /**
     * Made on the first offer (with the DTLS classes), so no key is made and no BouncyCastle class is
     * loaded while WebRTC is unused.
     */
    private transient DtlsIdentity identity;
    /** BouncyCastle's DTLS classes, loaded for handshakes only. */
    private final transient DtlsClasses dtlsClasses = DtlsClasses.withDefaultGrace();
    private final transient MediaPort port;
    private final transient RtpSender sender;
    private final transient List<String> candidates;
    private final int maxSessions;
    private final String unavailable;

    @Activate
    public WhepServlet(@Reference VideoCapture capture, @Reference AccessGuard guard, BundleContext context,
            WebRtcConfig config) {
        this.capture = capture;
        this.guard = guard;
        if (config.udpPort() < 0 || config.udpPort() > 65535) {
            throw new IllegalArgumentException("udpPort must be 0..65535, was " + config.udpPort());
        }
        if (config.maxSessions() < 1 || config.maxSessions() > 16) {
            throw new IllegalArgumentException("maxSessions must be 1..16, was " + config.maxSessions());
        }
        maxSessions = config.maxSessions();
        String host = context.getProperty("org.apache.felix.http.host");
        InetAddress bind;
        try {
            bind = InetAddress.getByName(host == null || host.isBlank() ? "0.0.0.0" : host);
        } catch (IOException e) {
            throw new IllegalArgumentException("org.apache.felix.http.host '" + host + "' is not an address", e);
        }
        // The setting, else the framework (or system) property, e.g. for a one-off run behind a relay.
        String setting = config.candidates().isBlank() ? context.getProperty(CANDIDATES_PROPERTY) : config.candidates();
        candidates = HostCandidates.of(setting, bind);
        MediaPort opened = null;
        String problem = null;
        try {
            opened = new MediaPort(bind, config.udpPort(), stats);
        } catch (IOException e) {
            problem = "The WebRTC media port " + bind.getHostAddress() + ":" + config.udpPort() + " could not be opened: "
                    + e.getMessage();
            LOG.error("webrtc: {}", problem);
        }
        port = opened;
        unavailable = problem;
        sender = new RtpSender();
        if (port != null) {
            LOG.info("webrtc: ICE-lite on UDP {}:{}, candidates {}", bind.getHostAddress(), port.port(), candidates);
        }
    }

    private synchronized DtlsIdentity identity() throws IOException {
        if (identity == null) {
            long started = System.nanoTime();
            identity = dtlsClasses.newIdentity();
            LOG.info("webrtc: DTLS identity (ECDSA P-256) made in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
        return identity;
    }

    @Deactivate
    void deactivate() {
        List<WebRtcSession> ending = List.copyOf(sessions.values());
        for (WebRtcSession session : ending) {
            session.close("WebRTC is stopping");
        }
        try {
            for (WebRtcSession session : ending) {
                session.awaitEnded(2000); // a waiting handshake ends at once (DtlsChannel.close wakes it)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dtlsClasses.close();
        sender.close();
        if (port != null) {
            port.close();
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE) instanceof AuthenticatedUser user)
                || !user.role().includes(Role.VIEWER)) {
            JsonResponses.sendError(response, 401, "unauthorized", "Log in first");
            return;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String method = request.getMethod();
        if (path.equals("/webrtc/stats")) {
            if (!"GET".equals(method)) {
                notAllowed(response, "GET");
                return;
            }
            json(response, statistics());
        } else if (path.equals("/webrtc/whep")) {
            if ("POST".equals(method)) {
                offer(request, response, user);
            } else if ("OPTIONS".equals(method)) {
                response.setHeader("Allow", "POST, OPTIONS");
                response.setHeader("Accept-Post", "application/sdp");
                response.setStatus(204);
            } else {
                notAllowed(response, "POST, OPTIONS");
            }
        } else {
            String id = path.substring("/webrtc/whep/".length());
            WebRtcSession session = sessions.get(id);
            if (session == null) {
                JsonResponses.sendError(response, 404, "not_found", "There is no WebRTC session " + shorten(id));
            } else if (!session.owner.equals(user.username()) && !user.role().includes(Role.ADMIN)) {
                JsonResponses.sendError(response, 403, "forbidden", "The WebRTC session belongs to another user");
            } else if ("DELETE".equals(method)) {
                session.close("ended by the client (DELETE)");
                response.setStatus(200);
            } else if ("PATCH".equals(method)) {
                // ICE-lite with all candidates in the answer: trickle ICE is not needed.
                JsonResponses.sendError(response, 405, "method_not_allowed", "Trickle ICE is not supported: the answer carries every candidate");
            } else {
                notAllowed(response, "DELETE");
            }
        }
    }

    private void offer(HttpServletRequest request, HttpServletResponse response, AuthenticatedUser user) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            JsonResponses.sendError(response, 415, "unsupported_media_type", "The offer must be sent as Content-Type: application/sdp");
            return;
        }
        if (request.getContentLengthLong() > SdpOffer.MAX_BYTES) {
            JsonResponses.sendError(response, 413, "too_large", "The SDP offer is longer than " + SdpOffer.MAX_BYTES + " bytes");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(SdpOffer.MAX_BYTES + 1);
        }
        if (body.length > SdpOffer.MAX_BYTES) {
            JsonResponses.sendError(response, 413, "too_large", "The SDP offer is longer than " + SdpOffer.MAX_BYTES + " bytes");
            return;
        }
        SdpOffer offer;
        try {
            offer = SdpOffer.parse(new String(body, StandardCharsets.UTF_8));
        } catch (SdpOffer.OfferException e) {
            JsonResponses.sendError(response, 400, "bad_request", e.getMessage());
            return;
        }
        if (port == null) {
            JsonResponses.sendError(response, 503, "unavailable", unavailable);
            return;
        }
        if (candidates.isEmpty()) {
            JsonResponses.sendError(response, 503, "unavailable", "There is no address to announce as an ICE candidate; set 'candidates'");
            return;
        }
        DtlsIdentity serverIdentity;
        try {
            serverIdentity = identity();
        } catch (IOException e) {
            LOG.warn("webrtc: no DTLS identity: {}", e.getMessage());
            JsonResponses.sendError(response, 503, "unavailable", "WebRTC is stopping or cannot make its DTLS certificate");
            return;
        }
        synchronized (sessions) {
            if (sessions.size() >= maxSessions) {
                JsonResponses.sendError(response, 503, "too_many_sessions", "At most " + maxSessions + " WebRTC sessions at a time");
                return;
            }
            String id = HexFormat.of().formatHex(bytes(16));
            String ufrag = HexFormat.of().formatHex(bytes(4));
            String pwd = HexFormat.of().formatHex(bytes(16));
            int ssrc = random.nextInt();
            WebRtcSession session = new WebRtcSession(id, user.username(), offer, ufrag, pwd, ssrc, port.socket(), serverIdentity,
                    dtlsClasses, stats, sender::wake);
            VideoStream stream;
            try {
                stream = capture.open(Codec.H264, "webrtc", session);
            } catch (VideoUnavailableException e) {
                JsonResponses.sendError(response, 503, "video_unavailable", e.getMessage());
                return;
            }
            session.attach(stream);
            AccessGuard.Registration watch = guard.watch(user, () -> session.close("the session or token was revoked"));
            session.whenClosed(() -> {
                watch.close();
                sessions.remove(id);
                port.remove(session);
                sender.remove(session);
            });
            sessions.put(id, session);
            port.add(session);
            sender.add(session);
            String answer = SdpAnswer.build(offer, ufrag, pwd, serverIdentity.fingerprint(), ssrc, candidates, port.port(),
                    random.nextLong() & Long.MAX_VALUE);
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            response.setStatus(201);
            response.setHeader("Location", LOCATION_PREFIX + id);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/sdp");
            response.setContentLength(out.length);
            response.getOutputStream().write(out);
            response.flushBuffer();
            // After the answer is out (not competing with it for a core): BouncyCastle's TLS classes
            // load on the session's DTLS thread while the browser applies the answer and checks ICE.
            session.startHandshake();
            LOG.info("webrtc: session {} for {} offered (payload type {})", id, user.username(), offer.payloadType());
        }
    }

    private Map<String, Object> statistics() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("udpPort", port == null ? 0 : port.port());
        body.put("candidates", candidates);
        body.put("sessions", sessions.size());
        body.put("connected", sessions.values().stream().filter(WebRtcSession::ready).count());
        body.put("framesSent", stats.framesSent.get());
        body.put("keyFramesSent", stats.keyFramesSent.get());
        body.put("packetsSent", stats.packetsSent.get());
        body.put("packetsDropped", stats.packetsDropped.get());
        body.put("keyFrameRequests", stats.keyFrameRequests.get());
        body.put("nacksReceived", stats.nacksReceived.get());
        body.put("packetsRetransmitted", stats.packetsRetransmitted.get());
        body.put("nacksUnanswered", stats.nacksUnanswered.get());
        body.put("senderReports", stats.senderReports.get());
        body.put("receiverReports", stats.receiverReports.get());
        body.put("malformedPackets", stats.malformedPackets.get());
        body.put("handshakeFailures", stats.handshakeFailures.get());
        body.put("consentExpired", stats.consentExpired.get());
        body.put("handshakeMillisP50", stats.handshakeMicros.median() / 1000.0);
        body.put("dtlsClassesLoaded", dtlsClasses.loaded());
        body.put("dtlsClassesReleased", dtlsClasses.releases());
        List<Map<String, Object>> peers = new java.util.ArrayList<>();
        for (WebRtcSession session : sessions.values()) {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("connected", session.ready());
            peer.put("fractionLost", session.fractionLost);
            peer.put("jitterMillis", session.jitterMillis);
            peer.put("rttMillis", Double.isNaN(session.rttMillis) ? null : session.rttMillis);
            peer.put("rembKbps", session.rembKbps);
            SrtpProfile srtp = session.profile();
            peer.put("srtp", srtp == null ? null : srtp.name());
            peers.add(peer);
        }
        body.put("peers", peers);
        return body;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static void json(HttpServletResponse response, Object body) throws IOException {
        byte[] out = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }

    private static void notAllowed(HttpServletResponse response, String allow) throws IOException {
        response.setHeader("Allow", allow);
        JsonResponses.sendError(response, 405, "method_not_allowed", "Allowed here: " + allow);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
