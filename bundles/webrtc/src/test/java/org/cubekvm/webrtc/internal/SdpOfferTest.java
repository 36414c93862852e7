package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpOfferTest {
    static final String FP = "sha-256 0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9";

    /** The shape of a Chromium recvonly offer (trimmed). */
    static String chromeOffer() {
        return String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "a=extmap-allow-mixed", "a=msid-semantic: WMS",
                "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:Ab3d", "a=ice-pwd:0123456789abcdefghijklmn", "a=ice-options:trickle",
                "a=fingerprint:" + FP, "a=setup:actpass", "a=mid:0",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:toffset",
                "a=extmap:6 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay",
                "a=recvonly", "a=rtcp-mux", "a=rtcp-rsize",
                "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack", "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96",
                "a=rtpmap:102 H264/90000",
                "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
                "a=rtpmap:103 rtx/90000", "a=fmtp:103 apt=102",
                "a=rtpmap:104 H264/90000",
                "a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f",
                "a=rtpmap:106 H264/90000",
                "a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
                "a=rtpmap:107 rtx/90000", "a=fmtp:107 apt=106", "") ;
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
