package org.cubekvm.webrtc.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.security.SecureRandom;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.cubekvm.webrtc.internal.dtls.BcIdentity;

/** The client side of DTLS-SRTP as a browser does it (certificate, use_srtp), for tests and the benchmark. */
final class DtlsTestPeer {
    private DtlsTestPeer() {
    }

    /** Handshakes over the connected {@code socket}; returns the exported SRTP keying material (60 bytes). */
    static byte[] connect(DatagramSocket socket, DtlsIdentity client, String serverFingerprint) throws IOException {
        return connect(socket, client, serverFingerprint, SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    }

    /** Offers {@code profiles} in {@code use_srtp}, in that order; returns the keying material of the one the server chose. */
    static byte[] connect(DatagramSocket socket, DtlsIdentity client, String serverFingerprint, SrtpProfile... profiles)
            throws IOException {
        int[] offered = java.util.Arrays.stream(profiles).mapToInt(p -> p.id).toArray();
        BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        byte[][] keys = new byte[1][];
        int[] chosen = new int[1];
        DefaultTlsClient tls = new DefaultTlsClient(crypto) {
            @Override
            public int getHandshakeTimeoutMillis() {
                return 30_000; // a server that went away fails the test instead of hanging it
            }

            @Override
            protected ProtocolVersion[] getSupportedVersions() {
                return ProtocolVersion.DTLSv12.only();
            }

            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            public Hashtable getClientExtensions() throws IOException {
                Hashtable extensions = super.getClientExtensions();
                TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(
                        offered,
                        TlsUtils.EMPTY_BYTES));
                return extensions;
            }

            @Override
            @SuppressWarnings("rawtypes")
            public void processServerExtensions(Hashtable serverExtensions) throws IOException {
                super.processServerExtensions(serverExtensions);
                chosen[0] = TlsSRTPUtils.getUseSRTPExtension(serverExtensions).getProtectionProfiles()[0];
            }

            @Override
            public TlsAuthentication getAuthentication() {
                return new TlsAuthentication() {
                    @Override
                    public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                        byte[] der = serverCertificate.getCertificate().getCertificateAt(0).getEncoded();
                        if (!serverFingerprint.equals(DtlsIdentity.fingerprint(der))) {
                            throw new TlsFatalAlert(AlertDescription.bad_certificate, "not the answer's fingerprint");
                        }
                    }

                    @Override
                    public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                        TlsCertificate certificate = crypto.createCertificate(client.certificateDer());
                        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, BcIdentity.privateKey(client),
                                new Certificate(new TlsCertificate[] {certificate}),
                                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
                    }
                };
            }

            @Override
            public void notifyHandshakeComplete() throws IOException {
                super.notifyHandshakeComplete();
                keys[0] = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpProfile.byId(chosen[0]).keyingMaterialLength());
            }
        };
        new DTLSClientProtocol().connect(tls, new UDPTransport(socket, 1500));
        return keys[0];
    }
}
