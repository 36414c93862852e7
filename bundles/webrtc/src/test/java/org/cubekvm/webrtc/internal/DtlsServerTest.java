package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Vector;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.UDPTransport;
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

    @Test
    void aHandshakeWithAPeerPreferringX25519RunsEcdheOnP256() throws Exception {
        DtlsIdentity server = Identities.generate();
        DtlsIdentity client = Identities.generate();
        DtlsServer tls = new DtlsServer(server, DtlsIdentity.sha256(client.certificateDer()));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket serverSocket = new DatagramSocket(0, loopback); DatagramSocket clientSocket = new DatagramSocket(0, loopback)) {
            serverSocket.connect(loopback, clientSocket.getLocalPort());
            clientSocket.connect(loopback, serverSocket.getLocalPort());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread serverThread = new Thread(() -> {
                try {
                    new DTLSServerProtocol().accept(tls, new UDPTransport(serverSocket, 1500));
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "test-dtls-server");
            serverThread.start();
            // BouncyCastle's client, like Chromium, lists X25519 before P-256.
            byte[] keys = DtlsTestPeer.connect(clientSocket, client, server.fingerprint());
            serverThread.join(30_000);
            assertNull(failure.get());
            assertArrayEquals(tls.keyingMaterial(), keys, "both sides export the same SRTP keys");
        }
        assertEquals(NamedGroup.secp256r1, tls.ecdheGroup());
    }

    @Test
    void ecdheIsOnP256WheneverThePeerOffersIt() {
        // Chromium's supported_groups: X25519 first, then P-256 and P-384.
        assertTrue(DtlsServer.p256Offered(new int[] {NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1}));
        assertFalse(DtlsServer.p256Offered(new int[] {NamedGroup.x25519, NamedGroup.secp384r1}));
        assertFalse(DtlsServer.p256Offered(null));
    }
}
