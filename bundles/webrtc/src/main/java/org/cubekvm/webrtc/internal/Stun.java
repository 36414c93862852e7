package org.cubekvm.webrtc.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * STUN (RFC 5389) for ICE-lite: recognises a Binding request, checks its MESSAGE-INTEGRITY
 * (short-term credential: the key is our ice-pwd) and FINGERPRINT, and writes the success
 * response with XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT. One instance per thread;
 * it keeps the offsets of the last parsed message and allocates nothing per message.
 */
final class Stun {
    static final int MAGIC = 0x2112A442;
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS = 0x0101;
    static final int ATTR_USERNAME = 0x0006;
    static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
    static final int ATTR_PRIORITY = 0x0024;
    static final int ATTR_USE_CANDIDATE = 0x0025;
    static final int ATTR_FINGERPRINT = 0x8028;
    static final int ATTR_ICE_CONTROLLING = 0x802A;
    private static final int FINGERPRINT_XOR = 0x5354554e;

    private final CRC32 crc = new CRC32();
    private final byte[] digest = new byte[20];

    int type;
    int usernameOffset = -1;
    int usernameLength;
    int integrityOffset = -1;
    int fingerprintOffset = -1;
    boolean useCandidate;
    boolean controlling;

    /** @return whether {@code b[0..len)} is a well-formed STUN message (attributes walked, bounds checked) */
    boolean parse(byte[] b, int len) {
        type = 0;
        usernameOffset = -1;
        integrityOffset = -1;
        fingerprintOffset = -1;
        useCandidate = false;
        controlling = false;
        if (len < 20 || (b[0] & 0xC0) != 0 || int32(b, 4) != MAGIC) {
            return false;
        }
        int bodyLength = uint16(b, 2);
        if (bodyLength + 20 != len || (bodyLength & 3) != 0) {
            return false;
        }
        type = uint16(b, 0);
        int p = 20;
        while (p + 4 <= len) {
            int attr = uint16(b, p);
            int alen = uint16(b, p + 2);
            int value = p + 4;
            if (value + alen > len) {
                return false;
            }
            if (fingerprintOffset >= 0) {
                return false; // nothing may follow FINGERPRINT
            }
            switch (attr) {
                case ATTR_USERNAME -> {
                    if (integrityOffset < 0) {
                        usernameOffset = value;
                        usernameLength = alen;
                    }
                }
                case ATTR_MESSAGE_INTEGRITY -> {
                    if (alen != 20) {
                        return false;
                    }
                    if (integrityOffset < 0) {
                        integrityOffset = p;
                    }
                }
                case ATTR_FINGERPRINT -> {
                    if (alen != 4) {
                        return false;
                    }
                    fingerprintOffset = p;
                }
                case ATTR_USE_CANDIDATE -> useCandidate = integrityOffset < 0;
                case ATTR_ICE_CONTROLLING -> controlling = integrityOffset < 0;
                default -> {
                    // other attributes are ignored (comprehension-required ones too: ICE-lite needs none)
                }
            }
            p = value + ((alen + 3) & ~3);
        }
        return p == len;
    }

    /** @return whether the USERNAME of the parsed message starts with {@code ufrag + ":"} */
    boolean usernameStartsWith(byte[] b, byte[] localUfrag) {
        if (usernameOffset < 0 || usernameLength <= localUfrag.length || b[usernameOffset + localUfrag.length] != ':') {
            return false;
        }
        for (int i = 0; i < localUfrag.length; i++) {
            if (b[usernameOffset + i] != localUfrag[i]) {
                return false;
            }
        }
        return true;
    }

    /** The local part of USERNAME ("ours:theirs"), or null; allocates (only for unknown senders). */
    String usernameLocalPart(byte[] b) {
        if (usernameOffset < 0) {
            return null;
        }
        for (int i = 0; i < usernameLength; i++) {
            if (b[usernameOffset + i] == ':') {
                return new String(b, usernameOffset, i, StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    /** @return whether the parsed message's FINGERPRINT is present and right */
    boolean fingerprintValid(byte[] b) {
        if (fingerprintOffset < 0) {
            return false;
        }
        crc.reset();
        crc.update(b, 0, fingerprintOffset);
        return ((int) crc.getValue() ^ FINGERPRINT_XOR) == int32(b, fingerprintOffset + 4);
    }

    /** @return whether the parsed message's MESSAGE-INTEGRITY is present and made with {@code hmac}'s key */
    boolean integrityValid(byte[] b, HmacSha1 hmac) {
        if (integrityOffset < 0) {
            return false;
        }
        // The length field covers the message up to and including MESSAGE-INTEGRITY while hashing.
        int savedHi = b[2];
        int savedLo = b[3];
        putUint16(b, 2, integrityOffset + 24 - 20);
        hmac.mac(b, 0, integrityOffset, null, 0, 0, digest, 0, 20);
        b[2] = (byte) savedHi;
        b[3] = (byte) savedLo;
        int diff = 0;
        for (int i = 0; i < 20; i++) {
            diff |= digest[i] ^ b[integrityOffset + 4 + i];
        }
        return diff == 0;
    }

    /**
     * Writes a Binding success response to the request in {@code request} (transaction id copied)
     * telling the peer its address.
     *
     * @return the response length
     */
    int writeBindingSuccess(byte[] request, byte[] out, InetAddress address, int port, HmacSha1 hmac) {
        putUint16(out, 0, BINDING_SUCCESS);
        putInt32(out, 4, MAGIC);
        System.arraycopy(request, 8, out, 8, 12);
        int p = 20;
        byte[] ip = address instanceof Inet4Address || address instanceof Inet6Address ? address.getAddress() : null;
        putUint16(out, p, ATTR_XOR_MAPPED_ADDRESS);
        putUint16(out, p + 2, 4 + ip.length);
        out[p + 4] = 0;
        out[p + 5] = (byte) (ip.length == 4 ? 1 : 2);
        putUint16(out, p + 6, port ^ (MAGIC >>> 16));
        for (int i = 0; i < ip.length; i++) {
            out[p + 8 + i] = (byte) (ip[i] ^ out[4 + i]); // magic cookie, then the transaction id
        }
        p += 8 + ip.length;
        putUint16(out, 2, p + 24 - 20);
        putUint16(out, p, ATTR_MESSAGE_INTEGRITY);
        putUint16(out, p + 2, 20);
        hmac.mac(out, 0, p, null, 0, 0, out, p + 4, 20);
        p += 24;
        putUint16(out, 2, p + 8 - 20);
        crc.reset();
        crc.update(out, 0, p);
        putUint16(out, p, ATTR_FINGERPRINT);
        putUint16(out, p + 2, 4);
        putInt32(out, p + 4, (int) crc.getValue() ^ FINGERPRINT_XOR);
        return p + 8;
    }

    static int uint16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static int int32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static void putUint16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void putInt32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
