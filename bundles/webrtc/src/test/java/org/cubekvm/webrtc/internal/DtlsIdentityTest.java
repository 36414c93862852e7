package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** The hand-written self-signed certificate is valid X.509 the JDK and BouncyCastle both read. */
class DtlsIdentityTest {
    @Test
    void theCertificateParsesVerifiesAndMatchesItsFingerprint() throws Exception {
        DtlsIdentity identity = DtlsIdentity.generate();
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
        assertNotEquals(identity.fingerprint(), DtlsIdentity.generate().fingerprint(), "a new key each time");
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
