package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Random;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.cubekvm.webrtc.internal.dtls.BcIdentity;
import org.junit.jupiter.api.Test;

/** The hand-written self-signed certificate is valid X.509 the JDK and BouncyCastle both read. */
class DtlsIdentityTest {
    @Test
    void theCertificateParsesVerifiesAndMatchesItsFingerprint() throws Exception {
        DtlsIdentity identity = Identities.generate();
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(identity.certificateDer()));
        certificate.verify(certificate.getPublicKey()); // self-signed with its own key
        certificate.checkValidity(new Date());
        assertEquals(3, certificate.getVersion());
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        assertEquals("CN=cubekvm-webrtc", certificate.getSubjectX500Principal().getName());
        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        assertTrue(certificate.getSerialNumber().signum() > 0);
        assertTrue(identity.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), identity.fingerprint());
        assertEquals(identity.fingerprint(), DtlsIdentity.fingerprint(certificate.getEncoded()));
        // BouncyCastle's TLS layer reads it too (the DTLS server hands it over as DER).
        org.bouncycastle.asn1.x509.Certificate.getInstance(identity.certificateDer());
        assertNotEquals(identity.fingerprint(), Identities.generate().fingerprint(), "a new key each time");
    }

    @Test
    void theKeptPrivateKeyIsTheCertificatesKey() throws Exception {
        DtlsIdentity identity = Identities.generate();
        assertEquals(32, identity.privateKey().length);
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(identity.certificateDer()));
        byte[] message = "a DTLS handshake's hash".getBytes(StandardCharsets.US_ASCII);
        DSADigestSigner signer = new DSADigestSigner(new ECDSASigner(), new SHA256Digest()); // DER (r, s)
        signer.init(true, BcIdentity.privateKey(identity));
        signer.update(message, 0, message.length);
        byte[] der = signer.generateSignature();
        Signature verifier = Signature.getInstance("SHA256withECDSA"); // the JDK's, as a peer checks it
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(message);
        assertTrue(verifier.verify(der), "the JDK verifies with the certificate's key what the kept key signed");
        DtlsIdentity other = Identities.generate();
        verifier.initVerify(CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(other.certificateDer())).getPublicKey());
        verifier.update(message);
        assertFalse(verifier.verify(der), "another identity's key does not verify it");
    }

    @Test
    void onlyP256KeyPairsAreTaken() {
        assertThrows(IllegalArgumentException.class,
                () -> DtlsIdentity.selfSigned(new byte[33], tbs -> tbs, new byte[32], new Random()));
        assertThrows(IllegalArgumentException.class,
                () -> DtlsIdentity.selfSigned(new byte[65], tbs -> tbs, new byte[32], new Random()),
                "the point must be uncompressed (0x04)");
    }

    @Test
    void longElementsGetMultiByteLengths() {
        assertEquals(2 + 5, DtlsIdentity.der(0x04, new byte[5]).length);
        byte[] medium = DtlsIdentity.der(0x04, new byte[200]);
        assertEquals(0x81, medium[1] & 0xFF);
        assertEquals(200, medium[2] & 0xFF);
        byte[] large = DtlsIdentity.der(0x04, new byte[300]);
        assertEquals(0x82, large[1] & 0xFF);
        assertEquals(300, ((large[2] & 0xFF) << 8) | (large[3] & 0xFF));
    }
}
