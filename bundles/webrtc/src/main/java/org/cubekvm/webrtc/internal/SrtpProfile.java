package org.cubekvm.webrtc.internal;

/**
 * The SRTP protection profiles this server negotiates in DTLS {@code use_srtp} (RFC 5764), in the
 * order it prefers them: AEAD_AES_128_GCM (RFC 7714: one AES pass and a GHASH, a 16-byte tag) before
 * AES_CM_128_HMAC_SHA1_80 (RFC 3711: AES and HMAC-SHA1, a 10-byte tag).
 */
public enum SrtpProfile {
    AEAD_AES_128_GCM(0x0007, 16, 12),
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14);

    /** The profile's number in the {@code use_srtp} extension. */
    public final int id;
    final int masterKeyLength;
    final int masterSaltLength;

    SrtpProfile(int id, int masterKeyLength, int masterSaltLength) {
        this.id = id;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
    }

    /** Exported keying material: client key, server key, client salt, server salt (RFC 5764 §4.2). */
    public int keyingMaterialLength() {
        return 2 * (masterKeyLength + masterSaltLength);
    }

    /** The first of {@code offered} this server supports, in its own order of preference; null if none. */
    public static SrtpProfile choose(int[] offered) {
        for (SrtpProfile profile : values()) {
            for (int id : offered) {
                if (id == profile.id) {
                    return profile;
                }
            }
        }
        return null;
    }

    static SrtpProfile byId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.id == id) {
                return profile;
            }
        }
        return null;
    }

    /** A context for one direction from that direction's master key and salt. */
    SrtpTransform create(byte[] masterKey, byte[] masterSalt) {
        return this == AEAD_AES_128_GCM ? SrtpGcmContext.fromMaster(masterKey, masterSalt) : new SrtpContext(masterKey, masterSalt);
    }

    /** The client's (browser's) and the server's contexts from the exported keying material. */
    SrtpTransform[] fromKeyingMaterial(byte[] keys) {
        int k = masterKeyLength;
        int s = masterSaltLength;
        SrtpTransform client = create(slice(keys, 0, k), slice(keys, 2 * k, s));
        SrtpTransform server = create(slice(keys, k, k), slice(keys, 2 * k + s, s));
        return new SrtpTransform[] {client, server};
    }

    private static byte[] slice(byte[] b, int off, int len) {
        byte[] r = new byte[len];
        System.arraycopy(b, off, r, 0, len);
        return r;
    }
}
