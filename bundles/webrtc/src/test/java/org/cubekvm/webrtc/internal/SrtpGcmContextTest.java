package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** AEAD_AES_128_GCM SRTP/SRTCP against the test vectors of RFC 7714 §16 and §17, and against the JDK's own AES-GCM. */
class SrtpGcmContextTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    /** "Quid pro quo". */
    private static final byte[] SALT = HEX.parseHex("517569642070726f2071756f");
    /** RFC 7714 §16: sequence number 0xf17b, SSRC 0x5501a0b2, ROC 0, "Gallia est omnis divisa in partes tres". */
    private static final String RTP = "8040f17b8041f8d35501a0b2" + "47616c6c696120657374206f6d6e697320646976697361"
            + "20696e207061727465732074726573";
    private static final String SRTP = "8040f17b8041f8d35501a0b2" + "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f"
            + "42a5f47a51c7d19b36de3adf8833" + "899d7f27beb16a9152cf765ee4390cce";
    /** RFC 7714 §17: a sender report from SSRC "Mars", SRTCP index 0x5d4. */
    private static final String RTCP = "81c8000d4d617273" + "4e5450314e545032525450200000042a0000e9304c756e61"
            + "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
    private static final String SRTCP = "81c8000d4d617273" + "63e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b46"
            + "86303ded0bb9275b" + "c84aa45896cf4d2fc5abf87245d9eade" + "800005d4";

    private static SrtpGcmContext vectorContext() {
        return new SrtpGcmContext(KEY, SALT, KEY, SALT);
    }

    @Test
    void rtpPacketMatchesRfc7714Section16() {
        byte[] packet = Arrays.copyOf(HEX.parseHex(RTP), 128);
        int length = vectorContext().protectRtp(packet, HEX.parseHex(RTP).length, 0);
        assertEquals(SRTP, HEX.formatHex(packet, 0, length));

        byte[] received = Arrays.copyOf(HEX.parseHex(SRTP), 128);
        assertEquals(HEX.parseHex(RTP).length, vectorContext().unprotectRtp(received, HEX.parseHex(SRTP).length, 0));
        assertEquals(RTP, HEX.formatHex(received, 0, HEX.parseHex(RTP).length));
    }

    @Test
    void aChangedBitOrWrongRolloverCounterFailsAuthentication() {
        byte[] tampered = HEX.parseHex(SRTP);
        tampered[20] ^= 1;
        assertEquals(-1, vectorContext().unprotectRtp(tampered, tampered.length, 0));
        byte[] packet = HEX.parseHex(SRTP);
        assertEquals(-1, vectorContext().unprotectRtp(packet, packet.length, 1));
        assertEquals(-1, vectorContext().unprotectRtp(new byte[20], 20, 0), "too short");
    }

    @Test
    void rtcpPacketMatchesRfc7714Section17() {
        SrtpGcmContext context = vectorContext();
        // The vector's SRTCP index is 0x5d4: protect 0x5d4 packets first (the index is the sender's count).
        byte[] scratch = new byte[64];
        for (int i = 0; i < 0x5d4; i++) {
            System.arraycopy(HEX.parseHex(RTCP), 0, scratch, 0, 8);
            context.protectRtcp(scratch, 8);
        }
        byte[] packet = Arrays.copyOf(HEX.parseHex(RTCP), 128);
        int length = context.protectRtcp(packet, HEX.parseHex(RTCP).length);
        assertEquals(SRTCP, HEX.formatHex(packet, 0, length));

        byte[] received = HEX.parseHex(SRTCP);
        assertEquals(HEX.parseHex(RTCP).length, vectorContext().unprotectRtcp(received, received.length));
        assertEquals(RTCP, HEX.formatHex(received, 0, HEX.parseHex(RTCP).length));
        received = HEX.parseHex(SRTCP);
        received[received.length - 1] ^= 1; // another index: the IV and the AAD change
        assertEquals(-1, vectorContext().unprotectRtcp(received, received.length));
    }

    @Test
    void unencryptedSrtcpIsAuthenticatedOverTheWholePacket() throws Exception {
        // E = 0 (RFC 7714 §9.3): GCM with an empty plaintext and AAD = packet ‖ E|index, as the JDK computes it.
        byte[] rtcp = HEX.parseHex(RTCP);
        byte[] aad = Arrays.copyOf(rtcp, rtcp.length + 4);
        Stun.putInt32(aad, rtcp.length, 0x5d4);
        byte[] tag = jdkGcm(KEY, HEX.parseHex("517524055203726f207170bb"), aad, new byte[0]);
        byte[] packet = Arrays.copyOf(rtcp, rtcp.length + 20);
        System.arraycopy(tag, 0, packet, rtcp.length, 16);
        Stun.putInt32(packet, rtcp.length + 16, 0x5d4);
        assertEquals(rtcp.length, vectorContext().unprotectRtcp(packet, packet.length));
        assertArrayEquals(rtcp, Arrays.copyOf(packet, rtcp.length), "left as it was");
    }

    @Test
    void randomPacketsAgreeWithTheJdksAesGcm() throws Exception {
        Random random = new Random(7714);
        for (int n = 0; n < 300; n++) {
            byte[] key = new byte[16];
            byte[] salt = new byte[12];
            random.nextBytes(key);
            random.nextBytes(salt);
            int payload = random.nextInt(1200);
            byte[] packet = new byte[12 + 8 + payload + 16];
            random.nextBytes(packet);
            packet[0] = (byte) ((random.nextBoolean() ? 0x90 : 0x80));
            if ((packet[0] & 0x10) != 0) {
                packet[14] = 0;
                packet[15] = 1; // one word of extension
            }
            int length = 12 + 8 + payload;
            int roc = random.nextInt(4);
            int header = SrtpContext.rtpHeaderLength(packet, length);
            byte[] iv = new byte[12];
            System.arraycopy(packet, 8, iv, 2, 4);
            Stun.putInt32(iv, 6, roc);
            iv[10] = packet[2];
            iv[11] = packet[3];
            for (int i = 0; i < 12; i++) {
                iv[i] ^= salt[i];
            }
            byte[] expected = jdkGcm(key, iv, Arrays.copyOf(packet, header), Arrays.copyOfRange(packet, header, length));
            byte[] plain = Arrays.copyOf(packet, length);
            SrtpGcmContext context = new SrtpGcmContext(key, salt, key, salt);
            assertEquals(length + 16, context.protectRtp(packet, length, roc));
            assertArrayEquals(expected, Arrays.copyOfRange(packet, header, length + 16), "packet " + n + ", payload " + payload);
            assertEquals(length, new SrtpGcmContext(key, salt, key, salt).unprotectRtp(packet, length + 16, roc));
            assertArrayEquals(plain, Arrays.copyOf(packet, length));
        }
    }

    @Test
    void masterKeyDerivationPadsTheTwelveByteSalt() {
        // RFC 7714 §11 with erratum 4938: the 96-bit master salt times 2^16 into the RFC 3711 PRF.
        byte[] masterSalt = HEX.parseHex("0e23006c6c044f5662400e9d");
        byte[] padded = Arrays.copyOf(masterSalt, 14);
        assertArrayEquals(SrtpContext.derive(KEY, padded, 2, 12), SrtpContext.derive(KEY, masterSalt, 2, 12));
        // Both directions of a DTLS-SRTP session agree with each other.
        byte[] keys = new byte[SrtpProfile.AEAD_AES_128_GCM.keyingMaterialLength()];
        new Random(1).nextBytes(keys);
        SrtpTransform[] ours = SrtpProfile.AEAD_AES_128_GCM.fromKeyingMaterial(keys);
        SrtpTransform[] theirs = SrtpProfile.AEAD_AES_128_GCM.fromKeyingMaterial(keys);
        byte[] packet = Arrays.copyOf(HEX.parseHex(RTP), 128);
        int length = ours[1].protectRtp(packet, HEX.parseHex(RTP).length, 0);
        assertEquals(HEX.parseHex(RTP).length, theirs[1].unprotectRtp(packet, length, 0));
        assertEquals(-1, theirs[0].unprotectRtp(Arrays.copyOf(packet, 128), length, 0), "the other direction's keys do not fit");
    }

    static byte[] jdkGcm(byte[] key, byte[] iv, byte[] aad, byte[] plain) throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(aad);
        return gcm.doFinal(plain);
    }
}
