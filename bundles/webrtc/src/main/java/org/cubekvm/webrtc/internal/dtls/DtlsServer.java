package org.cubekvm.webrtc.internal.dtls;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.util.Arrays;
import org.cubekvm.webrtc.internal.DtlsIdentity;
import org.cubekvm.webrtc.internal.SrtpProfile;

/**
 * The DTLS 1.2 server side of DTLS-SRTP (RFC 5764): ECDSA certificate, a client certificate
 * required and checked against the offer's fingerprint, {@code use_srtp} with
 * SRTP_AEAD_AES_128_GCM preferred and SRTP_AES128_CM_HMAC_SHA1_80, and the SRTP keying material
 * exported when the handshake completes. The TLS crypto is BouncyCastle's lightweight one
 * ({@code BcTlsCrypto}, with P-256 made by {@link P256Crypto}), not its JCA one on the JDK's
 * providers: BouncyCastle's classes are unloaded after the handshake, the JDK's would stay (and the
 * JCA instantiated every JDK provider while BouncyCastle probed for algorithms).
 * Loaded by {@code DtlsClassLoader}, with BouncyCastle (public for the unit tests of this package).
 */
public final class DtlsServer extends DefaultTlsServer {
    private final DtlsIdentity identity;
    private final byte[] expectedFingerprint;
    private volatile byte[] keyingMaterial;
    private volatile SrtpProfile profile;
    private boolean peerVerified;
    private volatile int ecdheGroup = -1;

    public DtlsServer(DtlsIdentity identity, byte[] expectedFingerprint) {
        super(new P256Crypto(new SecureRandom()));
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

    /**
     * ECDHE on P-256 when the peer offers it, although browsers list X25519 first: the server's ECDSA
     * signature needs BouncyCastle's P-256 generator tables anyway, while X25519 would load and precompute
     * Ed25519's as well, for every handshake after the DTLS classes were released (they are loaded cold
     * again then). Otherwise BouncyCastle's choice: the peer's first group it supports.
     */
    @Override
    protected int selectECDH(int minimumCurveBits) {
        int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
        ecdheGroup = p256Offered(offered) ? NamedGroup.secp256r1 : super.selectECDH(minimumCurveBits);
        return ecdheGroup;
    }

    /** The ECDHE group chosen for this handshake ({@code NamedGroup}), -1 before. */
    public int ecdheGroup() {
        return ecdheGroup;
    }

    /** Whether the peer's supported_groups name P-256 (null: the extension is absent). */
    public static boolean p256Offered(int[] offered) {
        return offered != null && Arrays.contains(offered, NamedGroup.secp256r1);
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        BcTlsCrypto crypto = (BcTlsCrypto) getCrypto();
        TlsCertificate certificate = crypto.createCertificate(identity.certificateDer());
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                BcIdentity.privateKey(identity),
                new Certificate(new TlsCertificate[] {certificate}),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /**
     * What the peer may sign its CertificateVerify with: ECDSA (browsers' WebRTC certificates are
     * P-256 by default) and RSA, with SHA-256 or SHA-384. A fixed list instead of BouncyCastle's
     * default one, which the first handshake built by asking the JCA about 48 combinations (SHA-1
     * and SHA-224 too, one of which makes the JCA instantiate every provider of the JDK when start-up
     * has not already done so); SHA-1 signatures are not accepted (RFC 9155).
     */
    private static final Vector<SignatureAndHashAlgorithm> PEER_SIGNATURE_ALGORITHMS = new Vector<>(List.of(
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa),
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa),
            SignatureAndHashAlgorithm.rsa_pss_rsae_sha384,
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.rsa)));

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                new Vector<>(PEER_SIGNATURE_ALGORITHMS), null);
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
        SrtpProfile chosen = offered == null ? null : SrtpProfile.choose(offered.getProtectionProfiles());
        if (chosen == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure,
                    "webrtc: the peer offers neither SRTP_AEAD_AES_128_GCM nor SRTP_AES128_CM_HMAC_SHA1_80 in use_srtp");
        }
        profile = chosen;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions,
                new UseSRTPData(new int[] {profile.id}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        if (!peerVerified) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "webrtc: the peer's certificate was not checked");
        }
        keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialLength());
    }

    /** The SRTP profile agreed in {@code use_srtp}, null before the client's hello was read. */
    public SrtpProfile profile() {
        return profile;
    }

    /** The exported SRTP keying material, null before the handshake completed. */
    public byte[] keyingMaterial() {
        return keyingMaterial;
    }
}
