package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * The Java WHEP viewer the memory benchmark uses, against the real media port and sender: it gets
 * through ICE and DTLS from the answer alone, authenticates and counts the key frame's packets and
 * frames, and its receiver reports reach the session.
 */
class WhepTestViewerTest {
    @Test
    void connectsFromTheAnswerAndCountsAuthenticatedPacketsAndFrames() throws Exception {
        WebRtcStats stats = new WebRtcStats();
        DtlsIdentity server = Identities.generate();
        try (MediaPort port = new MediaPort(InetAddress.getLoopbackAddress(), 0, stats); RtpSender sender = new RtpSender();
                WhepTestViewer viewer = new WhepTestViewer()) {
            SdpOffer offer = SdpOffer.parse(viewer.offer());
            WebRtcSession session = new WebRtcSession("0123456789abcdef", "tester", offer, "srvu", "server-password-0123456789",
                    0x11223344, port.socket(), server, DtlsClasses.withDefaultGrace(), stats, sender::wake);
            FakeStream stream = new FakeStream();
            session.attach(stream);
            port.add(session);
            sender.add(session);
            String answer = SdpAnswer.build(offer, "srvu", "server-password-0123456789", server.fingerprint(), 0x11223344,
                    List.of("127.0.0.1"), port.port(), 1);
            viewer.connect(answer);
            Thread thread = new Thread(viewer, "test-whep-viewer");
            thread.start();
            waitUntil("DTLS-SRTP up", session::ready);
            // SPS, PPS and a 3000-byte IDR: 2 single NAL packets and 3 FU-A packets, one frame.
            stream.push(H264PacketizerTest.annexB(H264PacketizerTest.nal(0x67, 10), H264PacketizerTest.nal(0x68, 4),
                    H264PacketizerTest.nal(0x65, 3000)).array(), true);
            session.frameAvailable(stream);
            waitUntil("the key frame received", () -> viewer.frames == 1);
            assertEquals(5, viewer.packets);
            assertEquals(0, viewer.rejected);
            assertTrue(viewer.payloadBytes > 3000, "payload counted: " + viewer.payloadBytes);
            waitUntil("a receiver report read by the session", () -> stats.receiverReports.get() > 0);
            viewer.close();
            thread.join(10_000);
            assertNull(viewer.failure);
            session.close("test over");
        }
    }

    private static void waitUntil(String what, BooleanSupplier condition) {
        Await.until(what, condition);
    }
}
