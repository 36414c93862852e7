package org.cubekvm.webrtc.internal;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.HashAlgorithm;

/**
 * The DTLS 1.2 server side of DTLS-SRTP (RFC 5764): ECDSA certificate, a client certificate
 * required and checked against the offer's fingerprint, {@code use_srtp} with
 * SRTP_AES128_CM_HMAC_SHA1_80, and the SRTP keying material exported when the handshake completes.
 */
final class DtlsServer extends DefaultTlsServer {
    /** client key, server key, client salt, server salt (RFC 5764 §4.2). */
    static final int KEYING_MATERIAL = 2 * (SrtpContext.MASTER_KEY + SrtpContext.MASTER_SALT);

    private final DtlsIdentity identity;
    private final byte[] expectedFingerprint;
    private volatile byte[] keyingMaterial;
    private boolean peerVerified;

    DtlsServer(DtlsIdentity identity, byte[] expectedFingerprint) {
        super(new BcTlsCrypto(new SecureRandom()));
        this.identity = identity;
        this.expectedFingerprint = expectedFingerprint.clone();
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA};
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        BcTlsCrypto crypto = (BcTlsCrypto) getCrypto();
        TlsCertificate certificate = crypto.createCertificate(identity.certificateDer());
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, identity.privateKey(),
                new Certificate(new TlsCertificate[] {certificate}),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "webrtc: the peer sent no certificate");
        }
        byte[] der = clientCertificate.getCertificateAt(0).getEncoded();
        if (!MessageDigest.isEqual(DtlsIdentity.sha256(der), expectedFingerprint)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "webrtc: the peer's certificate does not match the offer's fingerprint");
        }
        peerVerified = true;
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        boolean supported = false;
        if (offered != null) {
            for (int profile : offered.getProtectionProfiles()) {
                supported |= profile == SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80;
            }
        }
        if (!supported) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure,
                    "webrtc: the peer offers no SRTP_AES128_CM_HMAC_SHA1_80 in use_srtp");
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions,
                new UseSRTPData(new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        if (!peerVerified) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "webrtc: the peer's certificate was not checked");
        }
        keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, KEYING_MATERIAL);
    }

    /** The exported SRTP keying material, null before the handshake completed. */
    byte[] keyingMaterial() {
        return keyingMaterial;
    }
}
