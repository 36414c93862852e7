package org.cubekvm.webrtc.internal;

import java.io.IOException;

/**
 * The server side of DTLS-SRTP handshakes (RFC 5764) and the identity they present. Implemented in
 * {@code internal.dtls} on BouncyCastle and loaded by {@link DtlsClassLoader}, so that this interface
 * and the types it names are the only ones the session's code and the handshake's share: nothing here
 * names a BouncyCastle class, and the handshake's classes are unloaded once no handshake needs them
 * ({@link DtlsClasses}).
 */
public interface DtlsHandshake {
    /**
     * Runs the handshake on {@code channel} until it completes.
     *
     * @param identity            the server's certificate and key
     * @param expectedFingerprint SHA-256 of the peer's certificate, from its offer
     * @return the SRTP profile agreed in {@code use_srtp} and the keying material exported for it
     * @throws IOException when the handshake fails or the channel closes
     */
    Keys accept(DtlsIdentity identity, byte[] expectedFingerprint, DtlsChannel channel) throws IOException;

    /** A new server identity (P-256 key, self-signed certificate), made with the handshake's classes. */
    DtlsIdentity newIdentity();

    /**
     * What a completed handshake gives SRTP.
     *
     * @param profile        the agreed protection profile
     * @param keyingMaterial the exported keying material, {@link SrtpProfile#keyingMaterialLength()} bytes
     */
    record Keys(SrtpProfile profile, byte[] keyingMaterial) {
    }
}
