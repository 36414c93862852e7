package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A WebRTC peer in Java on 127.0.0.1 against the real receive and sender threads: STUN check,
 * DTLS-SRTP handshake with the peer's certificate checked, a key frame asked for when DTLS
 * completes, RTP as RFC 6184 with the playout-delay extension, PLI → key frame request, NACK →
 * the same packet again, sender reports; a wrong fingerprint fails the handshake.
 */
class LoopbackPeerTest {
    private static final int PLAYOUT_DELAY_ID = 6;
    private final WebRtcStats stats = new WebRtcStats();
    private final DtlsIdentity server = Identities.generate();
    private final DtlsIdentity client = Identities.generate();
    private MediaPort port;
    private RtpSender sender;
    private DatagramSocket socket;
    private WebRtcSession session;
    private FakeStream stream;

    @BeforeEach
    void setUp(TestInfo test) throws IOException {
        // Consent lasts 5 s in the consent test (30 s in the product) so that its expiry can be awaited
        // (still longer than a cold first handshake on a loaded machine); the others keep the product's 30 s.
        boolean consentTest = test.getTestMethod().map(m -> m.getName().contains("Consent")).orElse(false);
        port = new MediaPort(InetAddress.getLoopbackAddress(), 0, stats, consentTest ? 5_000_000_000L : MediaPort.CONSENT_NANOS);
        sender = new RtpSender();
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.port()));
    }

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close("test over");
        }
        sender.close();
        port.close();
        socket.close();
    }

    private void newSession(String offeredFingerprint) throws Exception {
        String offer = SdpOfferTest.chromeOffer().replace(SdpOfferTest.FP, "sha-256 " + offeredFingerprint);
        session = new WebRtcSession("0123456789abcdef", "tester", SdpOffer.parse(offer), "srvu", "server-password-0123456789",
                0x11223344, port.socket(), server, DtlsClasses.withDefaultGrace(), stats, sender::wake);
        stream = new FakeStream();
        session.attach(stream);
        port.add(session);
        sender.add(session);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aPeerConnectsPlaysAsksForKeyFramesAndRecoversLostPackets(SrtpProfile profile) throws Exception {
        newSession(client.fingerprint());
        assertTrue(stream.paused, "not watching before DTLS completes");
        checkConnectivity();
        byte[] keys = handshake(profile);
        waitUntil("the stream resumed and a key frame was asked for", () -> !stream.paused && stream.keyFrameRequests.get() >= 1);
        assertEquals(profile, session.profile(), "the SRTP profile the peer offered");
        SrtpTransform[] contexts = profile.fromKeyingMaterial(keys);
        SrtpTransform toServer = contexts[0];
        SrtpTransform fromServer = contexts[1];

        // A key frame: SPS, PPS, a 3000-byte IDR → SPS, PPS single NAL packets, then FU-A, marker on the last.
        byte[] idr = H264PacketizerTest.nal(0x65, 3000);
        stream.push(H264PacketizerTest.annexB(H264PacketizerTest.nal(0x67, 10), H264PacketizerTest.nal(0x68, 4), idr).array(), true);
        session.frameAvailable(stream);
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        byte[] kept = null;
        int keptLength = 0;
        int firstSeq = -1;
        for (int i = 0; ; i++) {
            byte[] packet = receive(false);
            byte[] raw = packet.clone();
            int length = fromServer.unprotectRtp(packet, packet.length, 0);
            assertTrue(length > 0, "the SRTP tag checks out");
            assertEquals(106, packet[1] & 0x7F, "the offered payload type");
            assertEquals(0x11223344, Stun.int32(packet, 8));
            assertEquals(0x90, packet[0] & 0xFF, "version 2 with a header extension");
            assertEquals("bede0001" + "62000000", java.util.HexFormat.of().formatHex(packet, 12, 20), "playout delay min = max = 0");
            int seq = Stun.uint16(packet, 2);
            if (firstSeq < 0) {
                firstSeq = seq;
            }
            assertEquals((firstSeq + i) & 0xFFFF, seq, "consecutive sequence numbers");
            int type = packet[20] & 0x1F;
            if (i == 0) {
                assertEquals(7, type, "SPS first");
            } else if (i == 1) {
                assertEquals(8, type, "then PPS");
            } else {
                assertEquals(28, type, "then the IDR as FU-A");
                assertEquals(5, packet[21] & 0x1F);
                if (i == 2) {
                    rebuilt.write(0x65);
                    kept = raw;
                    keptLength = raw.length;
                }
                rebuilt.write(packet, 22, length - 22);
            }
            if ((packet[1] & 0x80) != 0) {
                break;
            }
        }
        assertArrayEquals(idr, rebuilt.toByteArray());

        // PLI → the fan-out is asked for a key frame.
        int before = stream.keyFrameRequests.get();
        byte[] pli = new byte[12 + SrtpTransform.MAX_RTCP_OVERHEAD];
        System.arraycopy(java.util.HexFormat.of().parseHex("81ce0002" + "00000001" + "11223344"), 0, pli, 0, 12);
        send(pli, toServer.protectRtcp(pli, 12));
        waitUntil("a key frame request after the PLI", () -> stream.keyFrameRequests.get() > before);

        // A receiver report about our SSRC: 25 % lost, jitter 900 ticks = 10 ms; and REMB 1.5 Mbit/s.
        byte[] rr = new byte[32 + 24 + SrtpTransform.MAX_RTCP_OVERHEAD];
        System.arraycopy(java.util.HexFormat.of().parseHex("81c90007" + "00000001" + "11223344" + "40000005"
                + "00001234" + "00000384" + "00000000" + "00000000"), 0, rr, 0, 32);
        System.arraycopy(java.util.HexFormat.of().parseHex("8fce0005" + "00000001" + "00000000" + "52454d42" + "01" + "0edc6c"
                + "11223344"), 0, rr, 32, 24);
        send(rr, toServer.protectRtcp(rr, 56));
        waitUntil("the receiver report and REMB read", () -> session.fractionLost == 0.25 && session.jitterMillis == 10.0
                && session.rembKbps == 1500);
        // 25 % lost: the viewer's bitrate limit is cut (from what was sent, at least the floor), the shared encoder's input.
        waitUntil("a bitrate limit from the loss", () -> stream.bitrateLimit >= FeedbackBitrate.FLOOR_KBPS);

        // NACK for the first FU-A packet → the identical packet again.
        byte[] nack = new byte[16 + SrtpTransform.MAX_RTCP_OVERHEAD];
        System.arraycopy(java.util.HexFormat.of().parseHex("81cd0003" + "00000001" + "11223344"), 0, nack, 0, 12);
        Stun.putUint16(nack, 12, (firstSeq + 2) & 0xFFFF);
        send(nack, toServer.protectRtcp(nack, 16));
        byte[] again = receive(false);
        assertArrayEquals(Arrays.copyOf(kept, keptLength), again, "the NACKed packet, resent as it was");

        // Sender reports arrive (about once a second) and decrypt.
        byte[] report = receive(true);
        int plain = profile.fromKeyingMaterial(keys)[1].unprotectRtcp(report, report.length);
        assertEquals(48, plain);
        assertEquals(200, report[1] & 0xFF);
        assertEquals(0x11223344, Stun.int32(report, 4));
        assertTrue(stats.senderReports.get() >= 1);
        assertEquals(1, stats.packetsRetransmitted.get());
    }

    @Test
    void aPeerThatStopsCheckingLosesConsentAndItsSessionEnds() throws Exception {
        newSession(client.fingerprint());
        checkConnectivity();
        handshake();
        waitUntil("DTLS-SRTP up", session::ready);
        // No more checks and no SRTCP from here on (RFC 7675): the sweep ends the session.
        waitUntil("the session ended for lack of consent", session::closed);
        assertTrue(stream.closed, "its viewer stream is closed");
        assertEquals(1, stats.consentExpired.get());
    }

    @Test
    void aCertificateThatDoesNotMatchTheOfferedFingerprintFailsTheHandshake() throws Exception {
        newSession(Identities.generate().fingerprint());
        checkConnectivity();
        assertThrows(IOException.class, this::handshake);
        waitUntil("the session ended", session::closed);
        assertTrue(stream.closed);
        assertEquals(1, stats.handshakeFailures.get());
    }

    @Test
    void checksWithAWrongPasswordAreNotAnswered() throws Exception {
        newSession(client.fingerprint());
        byte[] request = TestStun.bindingRequest("srvu:peer", "wrong-password");
        socket.send(new DatagramPacket(request, request.length));
        socket.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> socket.receive(new DatagramPacket(new byte[1500], 1500)));
        assertEquals(null, session.peer());
        waitUntil("counted as malformed", () -> stats.malformedPackets.get() == 1);
    }

    private void checkConnectivity() throws IOException {
        byte[] request = TestStun.bindingRequest("srvu:peer", "server-password-0123456789");
        socket.send(new DatagramPacket(request, request.length));
        DatagramPacket response = new DatagramPacket(new byte[1500], 1500);
        socket.setSoTimeout(10_000);
        socket.receive(response);
        Stun stun = new Stun();
        byte[] r = Arrays.copyOf(response.getData(), response.getLength());
        assertTrue(stun.parse(r, r.length));
        assertEquals(Stun.BINDING_SUCCESS, stun.type);
        assertTrue(stun.integrityValid(r, new HmacSha1("server-password-0123456789".getBytes(StandardCharsets.UTF_8))));
        assertTrue(stun.fingerprintValid(r));
        assertArrayEquals(Arrays.copyOfRange(request, 8, 20), Arrays.copyOfRange(r, 8, 20), "same transaction");
        assertEquals(socket.getLocalPort(), Stun.uint16(r, 26) ^ 0x2112, "XOR-MAPPED-ADDRESS port");
        assertEquals(new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort()), session.peer(), "latched");
    }

    private byte[] handshake(SrtpProfile... profiles) throws IOException {
        socket.setSoTimeout(0);
        return profiles.length > 0 ? DtlsTestPeer.connect(socket, client, server.fingerprint(), profiles)
                : DtlsTestPeer.connect(socket, client, server.fingerprint());
    }

    private void send(byte[] packet, int length) throws IOException {
        socket.send(new DatagramPacket(packet, length));
    }

    /** The next RTP ({@code rtcp} false) or RTCP packet, skipping the other kind and DTLS records. */
    private byte[] receive(boolean rtcp) throws IOException {
        socket.setSoTimeout(10_000);
        while (true) {
            DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
            socket.receive(packet);
            byte[] b = Arrays.copyOf(packet.getData(), packet.getLength());
            if (b.length < 12 || (b[0] & 0xC0) != 0x80) {
                continue;
            }
            int pt = b[1] & 0xFF;
            boolean isRtcp = pt >= 192 && pt <= 223;
            if (isRtcp == rtcp) {
                return b;
            }
        }
    }

    private static void waitUntil(String what, BooleanSupplier condition) {
        Await.until(what, condition);
    }
}
