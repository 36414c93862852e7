package org.cubekvm.webrtc.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A receive-only WebRTC peer in Java, as a WHEP player is, for loads and tests on 127.0.0.1 (the
 * memory benchmark uses it through this module's test jar): makes the offer ({@link #offer}), reads
 * the answer's credentials, fingerprint and first IPv4 host candidate ({@link #connect}), checks
 * connectivity with USE-CANDIDATE, does the DTLS-SRTP handshake ({@link DtlsTestPeer}), then
 * ({@link #run}) receives and authenticates SRTP, counting packets, payload bytes and frames (marker
 * bits). It keeps consent (RFC 7675) with a Binding request every 2 s and sends a receiver report
 * every second, as a browser does. Not thread-safe beyond: one thread runs it, others read the
 * counters and call {@link #close}.
 */
public final class WhepTestViewer implements Runnable, AutoCloseable {
    private static final long CONSENT_NANOS = 2_000_000_000L;
    private static final long REPORT_NANOS = 1_000_000_000L;
    private static final int RECEIVER_SSRC = 1;

    private final DtlsIdentity identity = Identities.generate();
    private final DatagramSocket socket;
    private byte[] consentCheck;
    private SrtpTransform fromServer;
    private SrtpTransform toServer;
    private volatile boolean closed;
    private volatile long handshakeNanos;

    /** Authenticated RTP packets received (RTX and padding included). */
    public volatile long packets;
    /** Their payload bytes (after the RTP header). */
    public volatile long payloadBytes;
    /** Packets with the marker bit: frames. */
    public volatile long frames;
    /** Datagrams that looked like RTP but failed authentication. */
    public volatile long rejected;
    /** Why {@link #run} stopped before {@link #close}, or null. */
    public volatile String failure;

    private int mediaSsrc;
    private int roc;
    private int highestSeq = -1;
    private long firstExtendedSeq = -1;
    private long expectedPrior;
    private long receivedPrior;

    public WhepTestViewer() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    /** The SDP offer to POST: a Chromium recvonly offer with this peer's certificate fingerprint. */
    public String offer() {
        return ChromeOffer.text().replace(ChromeOffer.FP, "sha-256 " + identity.fingerprint());
    }

    /** ICE check and DTLS-SRTP handshake against the {@code answer}'s candidate; blocks until keyed. */
    public void connect(String answer) throws IOException {
        String ufrag = attribute(answer, "a=ice-ufrag:");
        String pwd = attribute(answer, "a=ice-pwd:");
        String fingerprint = attribute(answer, "a=fingerprint:sha-256 ");
        InetSocketAddress candidate = null;
        for (String line : answer.split("\r?\n")) {
            String[] f = line.split(" ");
            if (line.startsWith("a=candidate:") && f.length >= 8 && "host".equals(f[7]) && f[4].indexOf(':') < 0) {
                candidate = new InetSocketAddress(InetAddress.getByName(f[4]), Integer.parseInt(f[5]));
                break;
            }
        }
        if (candidate == null) {
            throw new IOException("the answer has no IPv4 host candidate");
        }
        long started = System.nanoTime();
        socket.connect(candidate);
        consentCheck = TestStun.bindingRequest(ufrag + ":Ab3d", pwd);
        socket.send(new DatagramPacket(consentCheck, consentCheck.length));
        socket.setSoTimeout(10_000);
        socket.receive(new DatagramPacket(new byte[1500], 1500));
        socket.setSoTimeout(0);
        // The profiles Chromium offers, in its order: the server picks AES-GCM as it does for a browser.
        byte[] keys = DtlsTestPeer.connect(socket, identity, fingerprint);
        handshakeNanos = System.nanoTime() - started;
        SrtpProfile profile = keys.length == SrtpProfile.AEAD_AES_128_GCM.keyingMaterialLength()
                ? SrtpProfile.AEAD_AES_128_GCM : SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpTransform[] contexts = profile.fromKeyingMaterial(keys);
        toServer = contexts[0];
        fromServer = contexts[1];
    }

    /** ICE check and DTLS handshake time of {@link #connect}, in milliseconds. */
    public double connectMillis() {
        return handshakeNanos / 1e6;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[2048];
        byte[] report = new byte[32 + 4 + 16]; // room for either profile's SRTCP index and tag
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        long nextConsent = System.nanoTime() + CONSENT_NANOS;
        long nextReport = System.nanoTime() + REPORT_NANOS;
        try {
            socket.setSoTimeout(200);
            while (!closed) {
                try {
                    packet.setLength(buffer.length);
                    socket.receive(packet);
                    received(buffer, packet.getLength());
                } catch (SocketTimeoutException e) {
                    // nothing for 200 ms: still time to keep consent
                }
                long now = System.nanoTime();
                if (now - nextConsent >= 0) {
                    socket.send(new DatagramPacket(consentCheck, consentCheck.length));
                    nextConsent = now + CONSENT_NANOS;
                }
                if (now - nextReport >= 0 && highestSeq >= 0) {
                    socket.send(new DatagramPacket(report, receiverReport(report)));
                    nextReport = now + REPORT_NANOS;
                }
            }
        } catch (IOException e) {
            if (!closed) {
                failure = e.toString();
            }
        }
    }

    private void received(byte[] b, int len) {
        if (len < 12 || (b[0] & 0xC0) != 0x80) {
            return; // STUN responses (first byte 0 or 1) and DTLS records
        }
        int pt = b[1] & 0x7F;
        if (pt >= 64 && pt <= 95) {
            return; // RTCP (sender reports)
        }
        int seq = Stun.uint16(b, 2);
        int packetRoc = roc;
        if (highestSeq >= 0 && seq < 0x1000 && highestSeq > 0xF000) {
            packetRoc = roc + 1; // wrapped
        } else if (highestSeq >= 0 && seq > 0xF000 && highestSeq < 0x1000 && roc > 0) {
            packetRoc = roc - 1; // a late one from before the wrap
        }
        int plain = fromServer.unprotectRtp(b, len, packetRoc);
        if (plain <= 0) {
            rejected++;
            return;
        }
        mediaSsrc = Stun.int32(b, 8);
        if (packetRoc > roc || highestSeq < 0 || (packetRoc == roc && seq > highestSeq)) {
            roc = packetRoc;
            highestSeq = seq;
        }
        long extended = ((long) packetRoc << 16) | seq;
        if (firstExtendedSeq < 0) {
            firstExtendedSeq = extended;
        }
        packets++;
        payloadBytes += plain - SrtpContext.rtpHeaderLength(b, plain);
        if ((b[1] & 0x80) != 0) {
            frames++;
        }
    }

    /** An SRTCP receiver report (RFC 3550 6.4.2) about the media SSRC; @return the protected length. */
    private int receiverReport(byte[] r) {
        long extendedHighest = ((long) roc << 16) | highestSeq;
        long expected = extendedHighest - firstExtendedSeq + 1;
        long lost = Math.max(0, expected - packets);
        long expectedInterval = expected - expectedPrior;
        long lostInterval = expectedInterval - (packets - receivedPrior);
        expectedPrior = expected;
        receivedPrior = packets;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        System.arraycopy(HexFormat.of().parseHex("81c90007"), 0, r, 0, 4);
        Stun.putInt32(r, 4, RECEIVER_SSRC);
        Stun.putInt32(r, 8, mediaSsrc);
        Stun.putInt32(r, 12, (Math.min(fraction, 255) << 24) | (int) Math.min(lost, 0x7FFFFF));
        Stun.putInt32(r, 16, (int) extendedHighest);
        Arrays.fill(r, 20, 32, (byte) 0); // jitter, LSR, DLSR
        return toServer.protectRtcp(r, 32);
    }

    private static String attribute(String sdp, String prefix) throws IOException {
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new IOException("the answer has no " + prefix);
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
