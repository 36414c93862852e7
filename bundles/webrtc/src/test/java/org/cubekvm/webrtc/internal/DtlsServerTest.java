package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Vector;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.cubekvm.webrtc.internal.dtls.DtlsServer;
import org.junit.jupiter.api.Test;

/**
 * The certificate request's signature algorithms: ECDSA with SHA-256 (what browsers' P-256
 * certificates sign with) among them, nothing with SHA-1 or SHA-224. A handshake with such a peer:
 * {@link LoopbackPeerTest}, {@link WhepTestViewerTest}.
 */
class DtlsServerTest {
    @Test
    void thePeerMaySignWithEcdsaSha256AndNeverWithSha1OrSha224() throws Exception {
        Vector<?> algorithms = new DtlsServer(Identities.generate(), new byte[32]).getCertificateRequest()
                .getSupportedSignatureAlgorithms();
        assertTrue(algorithms.contains(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa)),
                "ECDSA with SHA-256: " + algorithms);
        for (Object algorithm : algorithms) {
            short hash = ((SignatureAndHashAlgorithm) algorithm).getHash();
            assertNotEquals(HashAlgorithm.sha1, hash, algorithms.toString());
            assertNotEquals(HashAlgorithm.sha224, hash, algorithms.toString());
        }
    }
}
