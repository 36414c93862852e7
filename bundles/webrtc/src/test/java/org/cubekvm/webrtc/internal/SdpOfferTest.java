package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpOfferTest {
    static final String FP = ChromeOffer.FP;

    static String chromeOffer() {
        return ChromeOffer.text();
    }

    @Test
    void picksConstrainedBaselinePacketizationModeOneAndReadsCredentials() throws Exception {
        SdpOffer offer = SdpOffer.parse(chromeOffer());
        assertEquals(106, offer.payloadType());
        assertEquals("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", offer.fmtp());
        assertEquals("Ab3d", offer.iceUfrag());
        assertEquals("0123456789abcdefghijklmn", offer.icePwd());
        assertEquals("0", offer.mid());
        assertEquals(6, offer.playoutDelayId());
        assertEquals(32, offer.fingerprint().length);
        assertEquals(0x0A, offer.fingerprint()[0]);
    }

    @Test
    void answerIsIceLitePassiveSendOnlyWithCandidates() throws Exception {
        SdpOffer offer = SdpOffer.parse(chromeOffer());
        String answer = SdpAnswer.build(offer, "uf", "pw", "AA:BB", 0xCAFEBABE, List.of("198.51.100.1"), 8189, 1);
        assertTrue(answer.contains("a=ice-lite\r\n"));
        assertTrue(answer.contains("m=video 8189 UDP/TLS/RTP/SAVPF 106\r\n"));
        assertTrue(answer.contains("a=setup:passive\r\n"));
        assertTrue(answer.contains("a=sendonly\r\n"));
        assertTrue(answer.contains("a=extmap:6 " + SdpOffer.PLAYOUT_DELAY_URI + "\r\n"));
        assertTrue(answer.contains(" 198.51.100.1 8189 typ host\r\n"));
        assertTrue(answer.contains("a=ssrc:3405691582 cname:cubekvm\r\n"));
    }

    @Test
    void refusalsNameWhatIsMissing() {
        String offer = chromeOffer();
        assertRefused(offer.replace("packetization-mode=1", "packetization-mode=0"), "packetization-mode=1");
        assertRefused(offer.replace("a=group:BUNDLE 0\r\n", ""), "BUNDLE");
        assertRefused(offer.replace("a=ice-ufrag:Ab3d\r\n", ""), "ICE credentials");
        assertRefused(offer.replace("a=fingerprint:" + FP + "\r\n", ""), "fingerprint");
        assertRefused(offer.replace("sha-256 0A", "sha-1 0A"), "sha-256");
        assertRefused(offer.replace("a=rtcp-mux\r\n", ""), "rtcp-mux");
        assertRefused(offer.replace("m=video", "m=audio"), "video");
        assertRefused(offer.replace("a=recvonly", "a=sendonly"), "recvonly");
        assertRefused("", "empty");
        assertRefused("hello", "v=0");
        assertRefused("v=0\r\n" + "a=x\r\n".repeat(20_000), "longer");
    }

    private static void assertRefused(String sdp, String mentioned) {
        SdpOffer.OfferException e = assertThrows(SdpOffer.OfferException.class, () -> SdpOffer.parse(sdp));
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }
}
