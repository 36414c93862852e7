package org.cubekvm.webrtc.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cubekvm.api.video.FrameListener;
import org.cubekvm.api.video.VideoFrame;
import org.cubekvm.api.video.VideoStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WHEP session: ICE-lite credentials, the latched peer address, the DTLS handshake (on its own
 * named thread), the SRTP contexts, and the viewer stream of the shared H.264 encoder. The
 * stream is paused (not counted, told nothing) until DTLS completes; then it resumes, which asks
 * for a key frame. Frames are sent by the {@link RtpSender} thread; RTCP arrives on the receive
 * thread.
 */
final class WebRtcSession implements FrameListener, H264Packetizer.Sink {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.webrtc");
    static final int RTP_HEADER = 12;
    /** One-byte header extension block (RFC 8285) with one playout-delay element. */
    static final int EXTENSION = 8;

    final String id;
    final String owner;
    final byte[] localUfrag;
    final String localPwd;
    final HmacSha1 stunKey;
    final SdpOffer offer;
    final int ssrc;
    final long createdNanos = System.nanoTime();
    volatile long consentNanos = System.nanoTime();
    private final DatagramChannel socket;
    private final DtlsChannel dtls;
    private final DtlsIdentity identity;
    private final DtlsClasses dtlsClasses;
    private final WebRtcStats stats;
    private final Runnable wake;
    private final AtomicBoolean handshakeStarted = new AtomicBoolean();
    private volatile Thread handshakeThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile InetSocketAddress peer;
    private volatile boolean nominated;
    private volatile VideoStream stream;
    private volatile boolean ready;
    volatile boolean pending;
    private volatile Runnable onClosed;
    private volatile long handshakeMicros;
    /** When the peer's first DTLS record (its ClientHello) arrived: the handshake time is counted from there. */
    private volatile long firstRecordNanos;
    // Sender-thread state.
    private SrtpTransform send;
    private int seq = (int) (Math.random() * 0x7FFF);
    private int roc;
    private int timestamp;
    private ByteBuffer outView;
    private long packetCount;
    private long octetCount;
    private long lastReportNanos;
    private final byte[] report = new byte[64 + SrtpTransform.MAX_RTCP_OVERHEAD];
    private final ByteBuffer reportView = ByteBuffer.wrap(report);
    private final RetransmitRing sentPackets = new RetransmitRing();
    /** From the peer's receiver reports and REMB (receive thread), for the statistics. */
    volatile double fractionLost;
    volatile double jitterMillis;
    volatile double rttMillis = Double.NaN;
    volatile long rembKbps;
    /** What this session sent over the last sender-report interval (sender thread), the base of the first cut. */
    private volatile long sentKbps;
    private long reportOctets;
    private final FeedbackBitrate bitrate = new FeedbackBitrate();
    // Receive-thread state.
    private SrtpTransform receive;
    private volatile SrtpProfile profile;
    private final byte[] resend = new byte[RetransmitRing.SLOT_BYTES];
    private ByteBuffer resendView;

    WebRtcSession(String id, String owner, SdpOffer offer, String localUfrag, String localPwd, int ssrc,
            DatagramChannel socket, DtlsIdentity identity, DtlsClasses dtlsClasses, WebRtcStats stats, Runnable wake) {
        this.id = id;
        this.owner = owner;
        this.offer = offer;
        this.localUfrag = localUfrag.getBytes(StandardCharsets.US_ASCII);
        this.localPwd = localPwd;
        this.stunKey = new HmacSha1(localPwd.getBytes(StandardCharsets.UTF_8));
        this.ssrc = ssrc;
        this.socket = socket;
        this.identity = identity;
        this.dtlsClasses = dtlsClasses;
        this.stats = stats;
        this.wake = wake;
        this.dtls = new DtlsChannel(socket);
    }

    void attach(VideoStream opened) {
        stream = opened;
        opened.setPaused(true);
    }

    void whenClosed(Runnable hook) {
        onClosed = hook;
    }

    boolean ready() {
        return ready;
    }

    boolean closed() {
        return closed.get();
    }

    InetSocketAddress peer() {
        return peer;
    }

    long handshakeMicros() {
        return handshakeMicros;
    }

    /** The SRTP profile DTLS agreed on, null before the handshake completed. */
    SrtpProfile profile() {
        return profile;
    }

    /** A valid connectivity check from {@code from}: the first one latches it, a nominating one re-latches it. */
    void checked(InetSocketAddress from, boolean useCandidate) {
        consentNanos = System.nanoTime();
        if (peer == null || (useCandidate && !nominated) || (useCandidate && !from.equals(peer))) {
            if (!from.equals(peer)) {
                LOG.info("webrtc: session {} latched to {}{}", id, from, useCandidate ? " (nominated)" : "");
            }
            peer = from;
            dtls.peer(from);
        }
        nominated |= useCandidate;
    }

    /** A DTLS record from the latched peer (receive thread). */
    void dtlsReceived(byte[] b, int len) {
        if (ready) {
            return; // post-handshake records (close_notify, retransmits) are not needed
        }
        if (firstRecordNanos == 0) {
            firstRecordNanos = System.nanoTime();
        }
        dtls.offer(b, len);
        startHandshake();
    }

    /**
     * Starts the session's DTLS thread, at the offer (the servlet calls it once the answer is
     * ready) or at the first record at the latest: BouncyCastle's TLS classes load and the server
     * is made while the answer travels and ICE runs; then the thread waits for the ClientHello.
     */
    void startHandshake() {
        if (handshakeStarted.compareAndSet(false, true)) {
            Thread handshake = new Thread(this::handshake, "webrtc-dtls-" + id.substring(0, 8));
            handshake.setDaemon(true);
            handshakeThread = handshake;
            handshake.start();
        }
    }

    /** After {@link #close}: waits (bounded) until the DTLS thread has ended, so none outlives the bundle. */
    void awaitEnded(long millis) throws InterruptedException {
        Thread handshake = handshakeThread;
        if (handshake != null && handshake != Thread.currentThread()) {
            handshake.join(millis);
        }
    }

    private void handshake() {
        try {
            DtlsHandshake.Keys keys = dtlsClasses.accept(identity, offer.fingerprint(), dtls);
            SrtpTransform[] contexts = keys.profile().fromKeyingMaterial(keys.keyingMaterial());
            profile = keys.profile();
            receive = contexts[0];
            synchronized (this) {
                send = contexts[1];
            }
            long first = firstRecordNanos;
            handshakeMicros = (System.nanoTime() - (first == 0 ? System.nanoTime() : first)) / 1000;
            stats.handshakeMicros.record(handshakeMicros);
            ready = true;
            LOG.info("webrtc: session {} DTLS-SRTP ({}) up with {} in {} ms", id, profile, peer, handshakeMicros / 1000);
            VideoStream s0 = stream;
            if (s0 != null && !closed.get()) {
                s0.setPaused(false); // resuming asks for a key frame
                s0.requestKeyFrame();
            }
        } catch (Exception e) {
            if (!closed.get()) {
                LOG.info("webrtc: session {} DTLS handshake failed: {}", id, e.getMessage());
                stats.handshakeFailures.incrementAndGet();
                close("DTLS handshake failed");
            }
        }
    }

    @Override
    public void frameAvailable(VideoStream ignored) {
        pending = true;
        wake.run();
    }

    @Override
    public void streamClosed(VideoStream ignored, String reason) {
        close("the video stream ended: " + reason);
    }

    /** On the sender thread: sends the newest frame if there is one. */
    void sendNewest(H264Packetizer packetizer) {
        if (!ready || closed.get()) {
            return;
        }
        pending = false;
        VideoStream s = stream;
        VideoFrame frame = s == null ? null : s.acquireNewest();
        if (frame == null) {
            return;
        }
        try {
            timestamp = (int) (frame.captureMicros() * 9 / 100);
            int header = RTP_HEADER + (offer.playoutDelayId() > 0 ? EXTENSION : 0);
            int packets = packetizer.packetize(frame.data(), header, DtlsChannel.MTU - SrtpTransform.MAX_RTP_OVERHEAD, this);
            stats.packetsSent.addAndGet(packets);
            stats.framesSent.incrementAndGet();
            if (frame.key()) {
                stats.keyFramesSent.incrementAndGet();
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void packet(byte[] buf, int payloadOffset, int payloadLength, boolean marker) {
        int ext = offer.playoutDelayId();
        buf[0] = (byte) (ext > 0 ? 0x90 : 0x80);
        buf[1] = (byte) ((marker ? 0x80 : 0) | offer.payloadType());
        Stun.putUint16(buf, 2, seq);
        Stun.putInt32(buf, 4, timestamp);
        Stun.putInt32(buf, 8, ssrc);
        if (ext > 0) {
            buf[12] = (byte) 0xBE;
            buf[13] = (byte) 0xDE;
            buf[14] = 0;
            buf[15] = 1;
            buf[16] = (byte) ((ext << 4) | 2); // id, length - 1 = 2: three bytes of min/max delay
            buf[17] = 0; // min = 0, max = 0 (×10 ms): render as soon as decoded
            buf[18] = 0;
            buf[19] = 0;
        }
        int length = send.protectRtp(buf, payloadOffset + payloadLength, roc);
        sentPackets.store(seq, buf, length);
        packetCount++;
        octetCount += payloadLength;
        seq = (seq + 1) & 0xFFFF;
        if (seq == 0) {
            roc++;
        }
        ByteBuffer view = outView;
        if (view == null || view.array() != buf) {
            view = ByteBuffer.wrap(buf); // once: the packetizer's buffer does not change
            outView = view;
        }
        transmit(view, length);
    }

    private void transmit(ByteBuffer view, int length) {
        InetSocketAddress to = peer;
        if (to == null) {
            return;
        }
        view.limit(length).position(0);
        try {
            // Non-blocking: a full socket buffer drops this packet instead of delaying the other peers.
            if (socket.send(view, to) == 0) {
                stats.packetsDropped.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            stats.packetsDropped.incrementAndGet();
        }
    }

    /** An SRTCP compound packet from the peer (receive thread): PLI and FIR ask for a key frame. */
    void rtcpReceived(byte[] b, int len) {
        SrtpTransform r = receive;
        if (!ready || r == null) {
            return;
        }
        int plain = r.unprotectRtcp(b, len);
        if (plain < 0) {
            stats.malformedPackets.incrementAndGet();
            return;
        }
        consentNanos = System.nanoTime();
        int p = 0;
        while (p + 4 <= plain) {
            int pt = b[p + 1] & 0xFF;
            int fmt = b[p] & 0x1F;
            int words = Stun.uint16(b, p + 2);
            int next = p + 4 + 4 * words;
            if (next > plain || (b[p] & 0xC0) != 0x80) {
                stats.malformedPackets.incrementAndGet();
                return;
            }
            if ((pt == 201 || pt == 200) && fmt > 0) {
                receiverReports(b, p + (pt == 200 ? 28 : 8), fmt, next);
            } else if (pt == 206 && fmt == 15 && next - p >= 20 && b[p + 12] == 'R' && b[p + 13] == 'E' && b[p + 14] == 'M'
                    && b[p + 15] == 'B') {
                // REMB: exponent (6 bits) and mantissa (18 bits) of the estimated bit rate.
                int exp = (b[p + 17] & 0xFF) >>> 2;
                long mantissa = ((b[p + 17] & 0x03L) << 16) | ((b[p + 18] & 0xFFL) << 8) | (b[p + 19] & 0xFFL);
                rembKbps = exp > 40 ? Long.MAX_VALUE / 1000 : (mantissa << exp) / 1000;
            } else if (pt == 206 && (fmt == 1 || fmt == 4)) {
                stats.keyFrameRequests.incrementAndGet();
                VideoStream s = stream;
                if (s != null) {
                    s.requestKeyFrame(); // coalesced and rate-limited by the capture fan-out
                }
            } else if (pt == 205 && fmt == 1) {
                stats.nacksReceived.incrementAndGet();
                // FCI: (PID, BLP) pairs after the two SSRCs.
                for (int f = p + 12; f + 4 <= next; f += 4) {
                    int pid = Stun.uint16(b, f);
                    int blp = Stun.uint16(b, f + 2);
                    retransmit(pid);
                    for (int bit = 0; bit < 16; bit++) {
                        if ((blp & (1 << bit)) != 0) {
                            retransmit((pid + bit + 1) & 0xFFFF);
                        }
                    }
                }
            } else if (pt == 203) {
                close("the peer said goodbye (RTCP BYE)");
                return;
            }
            p = next;
        }
    }

    /** Report blocks (RFC 3550 §6.4.2) about our SSRC: loss, jitter, and the round trip from LSR/DLSR. */
    private void receiverReports(byte[] b, int first, int count, int end) {
        for (int i = 0, block = first; i < count && block + 24 <= end; i++, block += 24) {
            if (Stun.int32(b, block) != ssrc) {
                continue;
            }
            stats.receiverReports.incrementAndGet();
            fractionLost = (b[block + 4] & 0xFF) / 256.0;
            int limit = bitrate.receiverReport(fractionLost, sentKbps);
            VideoStream s = stream;
            if (limit >= 0 && s != null) {
                s.limitBitrate(limit);
                LOG.debug("webrtc: session {} bitrate limit {} kbit/s (loss {})", id, limit, fractionLost);
            }
            jitterMillis = (Stun.int32(b, block + 12) & 0xFFFFFFFFL) / 90.0;
            long lsr = Stun.int32(b, block + 16) & 0xFFFFFFFFL;
            long dlsr = Stun.int32(b, block + 20) & 0xFFFFFFFFL;
            if (lsr != 0) {
                long micros = System.currentTimeMillis() * 1000;
                long ntpMiddle = (((micros / 1_000_000 + 2_208_988_800L) & 0xFFFF) << 16)
                        | ((((micros % 1_000_000) << 16) / 1_000_000) & 0xFFFF);
                long rtt = (ntpMiddle - lsr - dlsr) & 0xFFFFFFFFL;
                rttMillis = rtt < 0x10000L * 10 ? rtt * 1000.0 / 65536 : Double.NaN;
            }
        }
    }

    /** On the receive thread: sends packet {@code seq} again if the ring still holds it. */
    private void retransmit(int packetSeq) {
        int length = sentPackets.copy(packetSeq, resend);
        InetSocketAddress to = peer;
        if (length == 0 || to == null) {
            stats.nacksUnanswered.incrementAndGet();
            return;
        }
        ByteBuffer view = resendView;
        if (view == null) {
            view = ByteBuffer.wrap(resend);
            resendView = view;
        }
        view.limit(length).position(0);
        try {
            if (socket.send(view, to) > 0) {
                stats.packetsRetransmitted.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            stats.packetsDropped.incrementAndGet();
        }
    }

    /**
     * On the sender thread, about once a second: a sender report (RFC 3550 §6.4.1: NTP time, the
     * RTP time of now on the capture clock, packet and octet counts) with an SDES CNAME, as SRTCP.
     */
    void maybeSendReport(long nowNanos) {
        if (!ready || closed.get() || nowNanos - lastReportNanos < 1_000_000_000L) {
            return;
        }
        long elapsed = nowNanos - lastReportNanos;
        lastReportNanos = nowNanos;
        if (elapsed > 0 && elapsed < 10_000_000_000L) {
            sentKbps = (octetCount - reportOctets) * 8_000_000L / elapsed;
        }
        reportOctets = octetCount;
        long micros = System.currentTimeMillis() * 1000;
        long ntpSeconds = micros / 1_000_000 + 2_208_988_800L;
        long ntpFraction = ((micros % 1_000_000) << 32) / 1_000_000;
        byte[] r = report;
        r[0] = (byte) 0x80;
        r[1] = (byte) 200;
        Stun.putUint16(r, 2, 6);
        Stun.putInt32(r, 4, ssrc);
        Stun.putInt32(r, 8, (int) ntpSeconds);
        Stun.putInt32(r, 12, (int) ntpFraction);
        Stun.putInt32(r, 16, (int) (micros * 9 / 100));
        Stun.putInt32(r, 20, (int) packetCount);
        Stun.putInt32(r, 24, (int) octetCount);
        // SDES: one chunk, CNAME "cubekvm", end, padding to a word.
        r[28] = (byte) 0x81;
        r[29] = (byte) 202;
        Stun.putUint16(r, 30, 4);
        Stun.putInt32(r, 32, ssrc);
        r[36] = 1;
        r[37] = 7;
        r[38] = 'c';
        r[39] = 'u';
        r[40] = 'b';
        r[41] = 'e';
        r[42] = 'k';
        r[43] = 'v';
        r[44] = 'm';
        r[45] = 0;
        r[46] = 0;
        r[47] = 0;
        int length = send.protectRtcp(r, 48);
        transmit(reportView, length);
        stats.senderReports.incrementAndGet();
    }

    /** Ends the session (DELETE, consent lost, credential revoked, bundle stopping); idempotent. */
    void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ready = false;
        dtls.close();
        VideoStream s = stream;
        if (s != null) {
            s.close();
        }
        Runnable hook = onClosed;
        if (hook != null) {
            hook.run();
        }
        LOG.info("webrtc: session {} ended: {}", id, reason);
    }
}
