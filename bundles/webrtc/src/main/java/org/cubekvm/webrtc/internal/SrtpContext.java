package org.cubekvm.webrtc.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP and SRTCP with AES_CM_128_HMAC_SHA1_80 (RFC 3711) for one direction, in Java (JCA AES in
 * ECB mode makes the counter-mode key stream; HMAC-SHA1 on reused digests). Packets are
 * protected in place in the caller's buffer; nothing is allocated per packet. Not thread-safe:
 * the sending direction is used by the sender thread only, the receiving one by the receive
 * thread only.
 */
final class SrtpContext implements SrtpTransform {
    static final int MASTER_KEY = 16;
    static final int MASTER_SALT = 14;
    static final int TAG = 10;
    /** SRTCP trailer: E flag + 31-bit index, then the tag. */
    static final int SRTCP_TRAILER = 4 + TAG;
    private static final int MAX_PACKET = 2048;

    private final Cipher rtpAes;
    private final byte[] rtpSalt;
    private final HmacSha1 rtpAuth;
    private final Cipher rtcpAes;
    private final byte[] rtcpSalt;
    private final HmacSha1 rtcpAuth;
    private final byte[] counters = new byte[MAX_PACKET + 16];
    private final byte[] keyStream = new byte[MAX_PACKET + 16];
    private final byte[] word = new byte[4];
    private final byte[] tag = new byte[TAG];
    private int rtcpIndex;

    /** From the DTLS-SRTP master key and salt (RFC 5764), key derivation rate 0. */
    SrtpContext(byte[] masterKey, byte[] masterSalt) {
        this(derive(masterKey, masterSalt, 0, 16), derive(masterKey, masterSalt, 1, 20), derive(masterKey, masterSalt, 2, 14),
                derive(masterKey, masterSalt, 3, 16), derive(masterKey, masterSalt, 4, 20), derive(masterKey, masterSalt, 5, 14));
    }

    SrtpContext(byte[] rtpKey, byte[] rtpAuthKey, byte[] rtpSaltKey, byte[] rtcpKey, byte[] rtcpAuthKey, byte[] rtcpSaltKey) {
        rtpAes = aes(rtpKey);
        rtpAuth = new HmacSha1(rtpAuthKey);
        rtpSalt = rtpSaltKey.clone();
        rtcpAes = aes(rtcpKey);
        rtcpAuth = new HmacSha1(rtcpAuthKey);
        rtcpSalt = rtcpSaltKey.clone();
    }

    /**
     * Encrypts the payload of the RTP packet {@code p[0..len)} and appends the tag.
     *
     * @param roc the rollover counter of the packet's sequence number
     * @return the protected length ({@code len + 10})
     */
    @Override
    public int protectRtp(byte[] p, int len, int roc) {
        int header = rtpHeaderLength(p, len);
        long index = ((long) roc << 16) | Stun.uint16(p, 2);
        xorKeyStream(rtpAes, rtpSalt, Stun.int32(p, 8), index, p, header, len - header);
        Stun.putInt32(word, 0, roc);
        rtpAuth.mac(p, 0, len, word, 0, 4, p, len, TAG);
        return len + TAG;
    }

    /**
     * Checks the tag of the SRTP packet {@code p[0..len)} and decrypts its payload in place (the
     * receiving side of {@link #protectRtp}; a peer's view, used by tests and tools).
     *
     * @return the plain RTP length, or -1 when the packet is too short or its tag is wrong
     */
    @Override
    public int unprotectRtp(byte[] p, int len, int roc) {
        if (len < 12 + TAG || len > MAX_PACKET) {
            return -1;
        }
        int plain = len - TAG;
        Stun.putInt32(word, 0, roc);
        rtpAuth.mac(p, 0, plain, word, 0, 4, tag, 0, TAG);
        int diff = 0;
        for (int i = 0; i < TAG; i++) {
            diff |= tag[i] ^ p[plain + i];
        }
        if (diff != 0) {
            return -1;
        }
        int header = rtpHeaderLength(p, plain);
        xorKeyStream(rtpAes, rtpSalt, Stun.int32(p, 8), ((long) roc << 16) | Stun.uint16(p, 2), p, header, plain - header);
        return plain;
    }

    /**
     * Encrypts the compound RTCP packet {@code p[0..len)} and appends E|index and the tag.
     *
     * @return the protected length ({@code len + 14})
     */
    @Override
    public int protectRtcp(byte[] p, int len) {
        int index = rtcpIndex;
        rtcpIndex = (rtcpIndex + 1) & 0x7FFFFFFF;
        xorKeyStream(rtcpAes, rtcpSalt, Stun.int32(p, 4), index, p, 8, len - 8);
        Stun.putInt32(p, len, index | 0x80000000);
        rtcpAuth.mac(p, 0, len + 4, null, 0, 0, p, len + 4, TAG);
        return len + SRTCP_TRAILER;
    }

    /**
     * Checks the tag of the SRTCP packet {@code p[0..len)} and decrypts it in place.
     *
     * @return the plain RTCP length, or -1 when the packet is too short or its tag is wrong
     */
    @Override
    public int unprotectRtcp(byte[] p, int len) {
        if (len < 8 + SRTCP_TRAILER || len > MAX_PACKET) {
            return -1;
        }
        int authenticated = len - TAG;
        rtcpAuth.mac(p, 0, authenticated, null, 0, 0, tag, 0, TAG);
        int diff = 0;
        for (int i = 0; i < TAG; i++) {
            diff |= tag[i] ^ p[authenticated + i];
        }
        if (diff != 0) {
            return -1;
        }
        int plain = authenticated - 4;
        int eIndex = Stun.int32(p, plain);
        if (eIndex < 0) {
            xorKeyStream(rtcpAes, rtcpSalt, Stun.int32(p, 4), eIndex & 0x7FFFFFFF, p, 8, plain - 8);
        }
        return plain;
    }

    /** @return the RTP header length including CSRCs and the header extension, or the whole length if malformed */
    static int rtpHeaderLength(byte[] p, int len) {
        int header = 12 + 4 * (p[0] & 0x0F);
        if ((p[0] & 0x10) != 0 && header + 4 <= len) {
            header += 4 + 4 * Stun.uint16(p, header + 2);
        }
        return Math.min(header, len);
    }

    /** AES-CM (RFC 3711 §4.1.1): IV = (salt·2^16) ⊕ (SSRC·2^64) ⊕ (index·2^16). */
    private void xorKeyStream(Cipher aes, byte[] salt, int ssrc, long index, byte[] p, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (len > MAX_PACKET) {
            throw new IllegalArgumentException("webrtc: an SRTP payload of " + len + " bytes is longer than " + MAX_PACKET);
        }
        int blocks = (len + 15) >>> 4;
        for (int b = 0; b < blocks; b++) {
            int c = b << 4;
            System.arraycopy(salt, 0, counters, c, 14);
            counters[c + 14] = 0;
            counters[c + 15] = 0;
            counters[c + 4] ^= (byte) (ssrc >>> 24);
            counters[c + 5] ^= (byte) (ssrc >>> 16);
            counters[c + 6] ^= (byte) (ssrc >>> 8);
            counters[c + 7] ^= (byte) ssrc;
            for (int i = 0; i < 6; i++) {
                counters[c + 8 + i] ^= (byte) (index >>> (40 - 8 * i));
            }
            counters[c + 14] = (byte) (b >>> 8);
            counters[c + 15] = (byte) b;
        }
        try {
            aes.update(counters, 0, blocks << 4, keyStream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("webrtc: AES key stream buffer too small", e);
        }
        for (int i = 0; i < len; i++) {
            p[off + i] ^= keyStream[i];
        }
    }

    /**
     * The AES-CM PRF of RFC 3711 §4.3.3 for one label (key derivation rate 0). A 12-byte master salt
     * (RFC 7714) is multiplied by 2^16 first, i.e. padded with two zero bytes (RFC 7714 erratum 4938).
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] x = new byte[16];
        System.arraycopy(masterSalt, 0, x, 0, Math.min(14, masterSalt.length));
        x[7] ^= (byte) label;
        byte[] in = new byte[(length + 15) & ~15];
        for (int b = 0; b < in.length / 16; b++) {
            System.arraycopy(x, 0, in, b * 16, 16);
            in[b * 16 + 14] = (byte) (b >>> 8);
            in[b * 16 + 15] = (byte) b;
        }
        try {
            byte[] out = aes(masterKey).doFinal(in);
            byte[] result = new byte[length];
            System.arraycopy(out, 0, result, 0, length);
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("webrtc: SRTP key derivation failed", e);
        }
    }

    private static Cipher aes(byte[] key) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("webrtc: AES is not available", e);
        }
    }
}
