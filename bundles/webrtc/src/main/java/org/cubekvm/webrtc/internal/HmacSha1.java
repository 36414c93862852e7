package org.cubekvm.webrtc.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA1 (RFC 2104) over up to two byte ranges into a caller's array, on two reused
 * {@link MessageDigest}s: unlike {@code javax.crypto.Mac#doFinal(byte[], int)} it allocates
 * nothing per message. Not thread-safe: one per sending or receiving thread and key.
 */
final class HmacSha1 {
    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] ipad = new byte[64];
    private final byte[] opad = new byte[64];
    private final byte[] innerHash = new byte[20];

    HmacSha1(byte[] key) {
        try {
            inner = MessageDigest.getInstance("SHA-1");
            outer = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("webrtc: this JVM has no SHA-1", e);
        }
        byte[] k = key.length > 64 ? inner.digest(key) : key;
        for (int i = 0; i < 64; i++) {
            byte kb = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (kb ^ 0x36);
            opad[i] = (byte) (kb ^ 0x5c);
        }
    }

    /**
     * Writes the first {@code outLen} (≤ 20) bytes of the HMAC of
     * {@code a[aOff..aOff+aLen) || b[bOff..bOff+bLen)} ({@code b} may be null) to {@code out[outOff..)}.
     */
    void mac(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen, byte[] out, int outOff, int outLen) {
        try {
            inner.reset();
            inner.update(ipad);
            inner.update(a, aOff, aLen);
            if (b != null) {
                inner.update(b, bOff, bLen);
            }
            inner.digest(innerHash, 0, 20);
            outer.reset();
            outer.update(opad);
            outer.update(innerHash);
            outer.digest(innerHash, 0, 20);
            System.arraycopy(innerHash, 0, out, outOff, outLen);
        } catch (DigestException e) {
            throw new IllegalStateException("webrtc: SHA-1 refused a 20-byte output", e);
        }
    }
}
