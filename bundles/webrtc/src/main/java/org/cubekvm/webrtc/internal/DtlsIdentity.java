package org.cubekvm.webrtc.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The server's DTLS identity: an ECDSA P-256 key and a self-signed certificate, made once per
 * activation, on the first offer (WebRTC authenticates by the fingerprint in the SDP, not by a CA).
 * The key is the JDK's (SunEC): a P-256 key pair costs about a millisecond, against hundreds for RSA.
 *
 * @param certificateDer the certificate, DER
 * @param privateKey     its key, for the JCA signer of the DTLS server
 * @param fingerprint    SHA-256 of the certificate as SDP writes it (upper-case hex, colons)
 */
record DtlsIdentity(byte[] certificateDer, PrivateKey privateKey, String fingerprint) {

    static DtlsIdentity generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)));
            tbs.setSignature(algorithm);
            X500Name name = new X500Name("CN=cubekvm-webrtc");
            tbs.setIssuer(name);
            tbs.setSubject(name);
            long now = System.currentTimeMillis();
            tbs.setStartDate(new Time(new Date(now - 86_400_000L)));
            tbs.setEndDate(new Time(new Date(now + 30L * 86_400_000L)));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            TBSCertificate certificate = tbs.generateTBSCertificate();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(certificate.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector parts = new ASN1EncodableVector();
            parts.add(certificate);
            parts.add(algorithm);
            parts.add(new DERBitString(signer.sign()));
            byte[] der = new DERSequence(parts).getEncoded(ASN1Encoding.DER);
            return new DtlsIdentity(der, keys.getPrivate(), fingerprint(der));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("webrtc: could not make the DTLS certificate: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("webrtc: this JVM has no SHA-256", e);
        }
    }

    static String fingerprint(byte[] der) {
        return HexFormat.ofDelimiter(":").formatHex(sha256(der)).toUpperCase(Locale.ROOT);
    }
}
