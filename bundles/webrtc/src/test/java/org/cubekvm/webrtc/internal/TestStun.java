package org.cubekvm.webrtc.internal;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** The ICE connectivity check a controlling browser sends, for the Java test peers. */
final class TestStun {
    private TestStun() {
    }

    /** A Binding request with USERNAME, USE-CANDIDATE, ICE-CONTROLLING, MESSAGE-INTEGRITY and FINGERPRINT. */
    static byte[] bindingRequest(String username, String password) {
        byte[] name = username.getBytes(StandardCharsets.US_ASCII);
        int nameBlock = (name.length + 3) & ~3;
        byte[] m = new byte[20 + 4 + nameBlock + 4 + 12 + 24 + 8];
        Stun.putUint16(m, 0, Stun.BINDING_REQUEST);
        Stun.putInt32(m, 4, Stun.MAGIC);
        for (int i = 8; i < 20; i++) {
            m[i] = (byte) (i * 13);
        }
        int p = 20;
        Stun.putUint16(m, p, Stun.ATTR_USERNAME);
        Stun.putUint16(m, p + 2, name.length);
        System.arraycopy(name, 0, m, p + 4, name.length);
        p += 4 + nameBlock;
        Stun.putUint16(m, p, Stun.ATTR_USE_CANDIDATE);
        p += 4;
        Stun.putUint16(m, p, Stun.ATTR_ICE_CONTROLLING);
        Stun.putUint16(m, p + 2, 8);
        p += 12;
        Stun.putUint16(m, 2, p + 24 - 20);
        Stun.putUint16(m, p, Stun.ATTR_MESSAGE_INTEGRITY);
        Stun.putUint16(m, p + 2, 20);
        new HmacSha1(password.getBytes(StandardCharsets.UTF_8)).mac(m, 0, p, null, 0, 0, m, p + 4, 20);
        p += 24;
        Stun.putUint16(m, 2, p + 8 - 20);
        CRC32 crc = new CRC32();
        crc.update(m, 0, p);
        Stun.putUint16(m, p, Stun.ATTR_FINGERPRINT);
        Stun.putUint16(m, p + 2, 4);
        Stun.putInt32(m, p + 4, (int) crc.getValue() ^ 0x5354554e);
        return m;
    }
}
