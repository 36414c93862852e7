package org.cubekvm.webrtc.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP and SRTCP with AEAD_AES_128_GCM (RFC 7714) for one direction. AES-GCM is done by hand on
 * JCA's {@code AES/ECB/NoPadding}: the counter blocks (J0 for the tag, then inc32 onwards) are
 * enciphered in one call, and GHASH is a 4-bit table multiplication (Shoup's method) on two longs,
 * so nothing is allocated per packet (JCA's GCM needs a new {@code GCMParameterSpec} and a
 * {@code Cipher.init} per packet). Not thread-safe: one thread per direction.
 */
final class SrtpGcmContext implements SrtpTransform {
    static final int KEY = 16;
    static final int SALT = 12;
    static final int TAG = 16;
    /** SRTCP: the tag, then E|index (RFC 7714 §9, Figure 3). */
    static final int SRTCP_TRAILER = TAG + 4;
    private static final int MAX_PACKET = 2048;
    /** The reduction constants of the 4-bit table method, for the four bits shifted out. */
    private static final long[] LAST4 = {0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0, 0xe100, 0xfd20,
        0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0};

    private final Cipher rtpAes;
    private final byte[] rtpSalt;
    private final long[] rtpHh = new long[16];
    private final long[] rtpHl = new long[16];
    private final Cipher rtcpAes;
    private final byte[] rtcpSalt;
    private final long[] rtcpHh = new long[16];
    private final long[] rtcpHl = new long[16];
    private final byte[] iv = new byte[12];
    private final byte[] counters = new byte[MAX_PACKET + 32];
    private final byte[] keyStream = new byte[MAX_PACKET + 32];
    private final byte[] aad = new byte[12];
    private final byte[] tag = new byte[TAG];
    /** GHASH state Y as two big-endian halves. */
    private long yh;
    private long yl;
    private int rtcpIndex;

    /** From the DTLS-SRTP master key and 12-byte master salt (RFC 7714 §11: the AES-CM PRF of RFC 3711, salt · 2^16). */
    static SrtpGcmContext fromMaster(byte[] masterKey, byte[] masterSalt) {
        return new SrtpGcmContext(SrtpContext.derive(masterKey, masterSalt, 0, KEY), SrtpContext.derive(masterKey, masterSalt, 2, SALT),
                SrtpContext.derive(masterKey, masterSalt, 3, KEY), SrtpContext.derive(masterKey, masterSalt, 5, SALT));
    }

    /** From session keys and salts (the RFC's test vectors give these). */
    SrtpGcmContext(byte[] rtpKey, byte[] rtpSaltKey, byte[] rtcpKey, byte[] rtcpSaltKey) {
        rtpAes = aes(rtpKey);
        rtpSalt = rtpSaltKey.clone();
        table(rtpAes, rtpHh, rtpHl);
        rtcpAes = aes(rtcpKey);
        rtcpSalt = rtcpSaltKey.clone();
        table(rtcpAes, rtcpHh, rtcpHl);
    }

    @Override
    public int protectRtp(byte[] p, int len, int roc) {
        int header = SrtpContext.rtpHeaderLength(p, len);
        rtpIv(p, roc);
        crypt(rtpAes, p, header, len - header);
        ghash(rtpHh, rtpHl, p, 0, header, p, header, len - header);
        finishTag(p, len);
        return len + TAG;
    }

    @Override
    public int unprotectRtp(byte[] p, int len, int roc) {
        if (len < 12 + TAG || len > MAX_PACKET) {
            return -1;
        }
        int plain = len - TAG;
        int header = SrtpContext.rtpHeaderLength(p, plain);
        rtpIv(p, roc);
        keyStream(rtpAes, plain - header);
        ghash(rtpHh, rtpHl, p, 0, header, p, header, plain - header);
        finishTag(tag, 0);
        if (!equal(tag, p, plain)) {
            return -1;
        }
        xor(p, header, plain - header);
        return plain;
    }

    @Override
    public int protectRtcp(byte[] p, int len) {
        int index = rtcpIndex;
        rtcpIndex = (rtcpIndex + 1) & 0x7FFFFFFF;
        rtcpIv(p, index);
        System.arraycopy(p, 0, aad, 0, 8);
        Stun.putInt32(aad, 8, index | 0x80000000);
        crypt(rtcpAes, p, 8, len - 8);
        ghash(rtcpHh, rtcpHl, aad, 0, 12, p, 8, len - 8);
        finishTag(p, len);
        Stun.putInt32(p, len + TAG, index | 0x80000000);
        return len + SRTCP_TRAILER;
    }

    @Override
    public int unprotectRtcp(byte[] p, int len) {
        if (len < 8 + SRTCP_TRAILER || len > MAX_PACKET) {
            return -1;
        }
        int eIndex = Stun.int32(p, len - 4);
        int tagAt = len - SRTCP_TRAILER;
        rtcpIv(p, eIndex & 0x7FFFFFFF);
        if (eIndex < 0) {
            System.arraycopy(p, 0, aad, 0, 8);
            Stun.putInt32(aad, 8, eIndex);
            keyStream(rtcpAes, tagAt - 8);
            ghash(rtcpHh, rtcpHl, aad, 0, 12, p, 8, tagAt - 8);
        } else {
            // E = 0: authenticated, not encrypted; the whole packet and E|index are the AAD (RFC 7714 §9.3).
            keyStream(rtcpAes, 0);
            System.arraycopy(p, len - 4, aad, 0, 4);
            ghashAad2(rtcpHh, rtcpHl, p, tagAt, aad, 4);
        }
        finishTag(tag, 0);
        if (!equal(tag, p, tagAt)) {
            return -1;
        }
        if (eIndex < 0) {
            xor(p, 8, tagAt - 8);
        }
        return tagAt;
    }

    /** IV = (0x0000 ‖ SSRC ‖ ROC ‖ SEQ) ⊕ salt (RFC 7714 §8.1). */
    private void rtpIv(byte[] p, int roc) {
        iv[0] = 0;
        iv[1] = 0;
        System.arraycopy(p, 8, iv, 2, 4);
        Stun.putInt32(iv, 6, roc);
        iv[10] = p[2];
        iv[11] = p[3];
        for (int i = 0; i < 12; i++) {
            iv[i] ^= rtpSalt[i];
        }
    }

    /** IV = (0x0000 ‖ SSRC ‖ 0x0000 ‖ 0 ‖ index) ⊕ salt (RFC 7714 §9.1). */
    private void rtcpIv(byte[] p, int index) {
        iv[0] = 0;
        iv[1] = 0;
        System.arraycopy(p, 4, iv, 2, 4);
        iv[6] = 0;
        iv[7] = 0;
        Stun.putInt32(iv, 8, index & 0x7FFFFFFF);
        for (int i = 0; i < 12; i++) {
            iv[i] ^= rtcpSalt[i];
        }
    }

    /** Enciphers J0 (block 0: the tag mask) and the counter blocks for {@code len} bytes after it. */
    private void keyStream(Cipher aes, int len) {
        if (len > MAX_PACKET) {
            throw new IllegalArgumentException("webrtc: an SRTP payload of " + len + " bytes is longer than " + MAX_PACKET);
        }
        int blocks = 1 + ((Math.max(len, 0) + 15) >>> 4);
        for (int b = 0; b < blocks; b++) {
            int c = b << 4;
            System.arraycopy(iv, 0, counters, c, 12);
            Stun.putInt32(counters, c + 12, b + 1);
        }
        try {
            aes.update(counters, 0, blocks << 4, keyStream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("webrtc: AES key stream buffer too small", e);
        }
    }

    private void crypt(Cipher aes, byte[] p, int off, int len) {
        keyStream(aes, len);
        xor(p, off, len);
    }

    private void xor(byte[] p, int off, int len) {
        for (int i = 0; i < len; i++) {
            p[off + i] ^= keyStream[16 + i];
        }
    }

    private long aadBits;
    private long textBits;

    /** GHASH over (A, C) with the lengths block, leaving Y in {@link #yh}/{@link #yl}. */
    private void ghash(long[] hh, long[] hl, byte[] a, int aOff, int aLen, byte[] c, int cOff, int cLen) {
        yh = 0;
        yl = 0;
        absorb(hh, hl, a, aOff, aLen);
        absorb(hh, hl, c, cOff, cLen);
        aadBits = 8L * aLen;
        textBits = 8L * cLen;
        lengths(hh, hl);
    }

    /** GHASH with an empty text and an AAD made of two pieces (the packet, then the E|index word). */
    private void ghashAad2(long[] hh, long[] hl, byte[] a, int aLen, byte[] b, int bLen) {
        yh = 0;
        yl = 0;
        int whole = aLen & ~15;
        absorb(hh, hl, a, 0, whole);
        // The last partial block of the packet continues with the E|index word.
        int rest = aLen - whole;
        byte[] block = tag; // scratch (overwritten by finishTag afterwards)
        java.util.Arrays.fill(block, (byte) 0);
        System.arraycopy(a, whole, block, 0, rest);
        int fromB = Math.min(bLen, 16 - rest);
        System.arraycopy(b, 0, block, rest, fromB);
        absorb(hh, hl, block, 0, 16);
        if (fromB < bLen) {
            java.util.Arrays.fill(block, (byte) 0);
            System.arraycopy(b, fromB, block, 0, bLen - fromB);
            absorb(hh, hl, block, 0, 16);
        }
        aadBits = 8L * (aLen + bLen);
        textBits = 0;
        lengths(hh, hl);
    }

    private void lengths(long[] hh, long[] hl) {
        yh ^= aadBits;
        yl ^= textBits;
        multiply(hh, hl);
    }

    private void absorb(long[] hh, long[] hl, byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        for (; i + 16 <= end; i += 16) {
            yh ^= long64(b, i);
            yl ^= long64(b, i + 8);
            multiply(hh, hl);
        }
        if (i < end) {
            long h = 0;
            long l = 0;
            for (int k = 0; i + k < end; k++) {
                long v = b[i + k] & 0xFFL;
                if (k < 8) {
                    h |= v << (56 - 8 * k);
                } else {
                    l |= v << (56 - 8 * (k - 8));
                }
            }
            yh ^= h;
            yl ^= l;
            multiply(hh, hl);
        }
    }

    /** T = (Y ⊕ E(K, J0)) written to {@code out[off..off+16)}. */
    private void finishTag(byte[] out, int off) {
        putLong64(out, off, yh ^ long64(keyStream, 0));
        putLong64(out, off + 8, yl ^ long64(keyStream, 8));
    }

    /** Y = Y · H in GF(2^128), four bits at a time from the last byte to the first. */
    private void multiply(long[] hh, long[] hl) {
        long xh = yh;
        long xl = yl;
        int lo = (int) (xl & 0xF);
        long zh = hh[lo];
        long zl = hl[lo];
        for (int i = 15; i >= 0; i--) {
            int x = (int) ((i < 8 ? xh >>> (56 - 8 * i) : xl >>> (56 - 8 * (i - 8))) & 0xFF);
            lo = x & 0xF;
            int hi = x >>> 4;
            int rem;
            if (i != 15) {
                rem = (int) (zl & 0xF);
                zl = (zh << 60) | (zl >>> 4);
                zh = (zh >>> 4) ^ (LAST4[rem] << 48) ^ hh[lo];
                zl ^= hl[lo];
            }
            rem = (int) (zl & 0xF);
            zl = (zh << 60) | (zl >>> 4);
            zh = (zh >>> 4) ^ (LAST4[rem] << 48) ^ hh[hi];
            zl ^= hl[hi];
        }
        yh = zh;
        yl = zl;
    }

    /** The 16 multiples of H = E(K, 0^128) the 4-bit method needs. */
    private static void table(Cipher aes, long[] hh, long[] hl) {
        byte[] h = new byte[16];
        try {
            aes.update(new byte[16], 0, 16, h, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("webrtc: AES failed", e);
        }
        long vh = long64(h, 0);
        long vl = long64(h, 8);
        hh[8] = vh;
        hl[8] = vl;
        for (int i = 4; i > 0; i >>= 1) {
            long t = (vl & 1) * 0xE1000000L;
            vl = (vh << 63) | (vl >>> 1);
            vh = (vh >>> 1) ^ (t << 32);
            hh[i] = vh;
            hl[i] = vl;
        }
        for (int i = 2; i <= 8; i *= 2) {
            vh = hh[i];
            vl = hl[i];
            for (int j = 1; j < i; j++) {
                hh[i + j] = vh ^ hh[j];
                hl[i + j] = vl ^ hl[j];
            }
        }
    }

    private static boolean equal(byte[] expected, byte[] p, int off) {
        int diff = 0;
        for (int i = 0; i < TAG; i++) {
            diff |= expected[i] ^ p[off + i];
        }
        return diff == 0;
    }

    private static long long64(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFFL);
        }
        return v;
    }

    private static void putLong64(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
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
