package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SrtpContextTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MASTER_KEY = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139");
    private static final byte[] MASTER_SALT = HEX.parseHex("0ec675ad498afeebb6960b3aabe6");

    /** RFC 3711 Appendix B.3 (and the SRTCP labels as libsrtp and pion compute them). */
    @Test
    void keyDerivationMatchesRfc3711AppendixB3() {
        assertEquals("c61e7a93744f39ee10734afe3ff7a087", HEX.formatHex(SrtpContext.derive(MASTER_KEY, MASTER_SALT, 0, 16)));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4", HEX.formatHex(SrtpContext.derive(MASTER_KEY, MASTER_SALT, 1, 20)));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", HEX.formatHex(SrtpContext.derive(MASTER_KEY, MASTER_SALT, 2, 14)));
        assertEquals("4c1aa45a81f73d61c800bbb00fbb1eaa", HEX.formatHex(SrtpContext.derive(MASTER_KEY, MASTER_SALT, 3, 16)));
        assertEquals("9581c7ad87b3e530bf3e4454a8b3", HEX.formatHex(SrtpContext.derive(MASTER_KEY, MASTER_SALT, 5, 14)));
    }

    /** RFC 3711 Appendix B.2: the AES-CM key stream for SSRC 0 and index 0 is what the payload is XORed with. */
    @Test
    void counterModeKeyStreamMatchesRfc3711AppendixB2() {
        byte[] key = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] salt = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfd");
        SrtpContext srtp = new SrtpContext(key, new byte[20], salt, key, new byte[20], salt);
        byte[] packet = new byte[12 + 48 + 10];
        packet[0] = (byte) 0x80; // seq 0, SSRC 0
        srtp.protectRtp(packet, 60, 0);
        assertEquals("e03ead0935c95e80e166b16dd92b4eb4d23513162b02d0f72a43a2fe4a5f97ab41e95b3bb0a2e8dd477901e4fca894c0",
                HEX.formatHex(packet, 12, 60));
    }

    @Test
    void rtpTagIsHmacSha1OverPacketAndRolloverCounter() throws Exception {
        SrtpContext srtp = new SrtpContext(MASTER_KEY, MASTER_SALT);
        byte[] packet = new byte[12 + 100 + 10];
        packet[0] = (byte) 0x80;
        packet[1] = 96;
        packet[3] = 7;
        int n = srtp.protectRtp(packet, 112, 3);
        assertEquals(122, n);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(SrtpContext.derive(MASTER_KEY, MASTER_SALT, 1, 20), "HmacSHA1"));
        mac.update(packet, 0, 112);
        mac.update(new byte[] {0, 0, 0, 3});
        assertArrayEquals(Arrays.copyOf(mac.doFinal(), 10), Arrays.copyOfRange(packet, 112, 122));
    }

    @Test
    void srtcpRoundTripsAndRejectsTampering() {
        SrtpContext sender = new SrtpContext(MASTER_KEY, MASTER_SALT);
        SrtpContext receiver = new SrtpContext(MASTER_KEY, MASTER_SALT);
        // PLI: V=2 FMT=1 PT=206 length 2, sender SSRC, media SSRC
        byte[] pli = HEX.parseHex("81ce0002" + "11223344" + "55667788");
        byte[] packet = Arrays.copyOf(pli, 12 + SrtpContext.SRTCP_TRAILER);
        int n = sender.protectRtcp(packet, 12);
        assertEquals(26, n);
        byte[] tampered = packet.clone();
        tampered[9] ^= 1;
        assertEquals(-1, receiver.unprotectRtcp(tampered, n));
        assertEquals(12, receiver.unprotectRtcp(packet, n));
        assertArrayEquals(pli, Arrays.copyOf(packet, 12));
        assertEquals(-1, receiver.unprotectRtcp(new byte[10], 10));
    }
}
