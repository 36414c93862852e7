package org.cubekvm.webrtc.internal;

/**
 * One direction of SRTP/SRTCP protection (RFC 3711 with AES_CM_128_HMAC_SHA1_80, or RFC 7714 with
 * AEAD_AES_128_GCM). Packets are protected in place in the caller's buffer, which must have room for
 * the overhead; nothing is allocated per packet. Not thread-safe: one thread per direction.
 */
interface SrtpTransform {
    /** The most any profile appends to an RTP packet (GCM's 16-byte tag). */
    int MAX_RTP_OVERHEAD = 16;
    /** The most any profile appends to an RTCP packet (GCM: tag and E|index). */
    int MAX_RTCP_OVERHEAD = 20;

    /** Encrypts the RTP packet {@code p[0..len)} and appends the tag; @return the protected length. */
    int protectRtp(byte[] p, int len, int roc);

    /** Checks and decrypts the SRTP packet {@code p[0..len)} in place; @return the plain length, or -1 when it is not authentic. */
    int unprotectRtp(byte[] p, int len, int roc);

    /** Encrypts the compound RTCP packet {@code p[0..len)} and appends the trailer; @return the protected length. */
    int protectRtcp(byte[] p, int len);

    /** Checks and decrypts the SRTCP packet {@code p[0..len)} in place; @return the plain length, or -1 when it is not authentic. */
    int unprotectRtcp(byte[] p, int len);
}
