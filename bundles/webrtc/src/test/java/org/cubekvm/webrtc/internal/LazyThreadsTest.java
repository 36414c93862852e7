package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * An unused WebRTC costs no thread: the media port is bound at once (its port is reported and taken
 * while the bundle runs), but its receive thread and the sender thread start with the first session;
 * closing what never started is fine.
 */
class LazyThreadsTest {
    @Test
    void thePortIsBoundAtOnceAndItsThreadsStartWithTheFirstSession() throws Exception {
        WebRtcStats stats = new WebRtcStats();
        try (MediaPort port = new MediaPort(InetAddress.getLoopbackAddress(), 0, stats); RtpSender sender = new RtpSender()) {
            assertTrue(port.port() > 0, "bound: " + port.port());
            assertFalse(port.receiving(), "no receive thread before a session");
            assertFalse(sender.sending(), "no sender thread before a session");
            SdpOffer offer = SdpOffer.parse(ChromeOffer.text());
            WebRtcSession session = new WebRtcSession("0123456789abcdef", "tester", offer, "srvu", "server-password-0123456789",
                    0x11223344, port.socket(), Identities.generate(), DtlsClasses.withDefaultGrace(), stats, sender::wake);
            port.add(session);
            sender.add(session);
            assertTrue(port.receiving(), "the receive thread runs with a session");
            assertTrue(sender.sending(), "the sender thread runs with a session");
            session.close("test over");
        }
    }

    @Test
    void closingAnUnusedPortAndSenderNeedsNoThread() throws Exception {
        MediaPort port = new MediaPort(InetAddress.getLoopbackAddress(), 0, new WebRtcStats());
        RtpSender sender = new RtpSender();
        sender.close();
        port.close();
        assertFalse(port.receiving());
        assertFalse(sender.sending());
        assertFalse(port.socket().isOpen(), "the socket is closed");
    }
}
