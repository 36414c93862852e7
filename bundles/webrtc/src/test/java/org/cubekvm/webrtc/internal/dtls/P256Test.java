package org.cubekvm.webrtc.internal.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.cubekvm.webrtc.internal.DtlsIdentity;
import org.junit.jupiter.api.Test;

/**
 * P-256 made without BouncyCastle's named-curve table is that table's secp256r1, ECDHE on it agrees
 * with BouncyCastle's own, bad points are refused with the alerts BouncyCastle sends, and certificates
 * read the same either way (P-256 keys by {@link P256}, others by BouncyCastle).
 */
class P256Test {
    /** A self-signed certificate with a P-384 key (openssl req -x509 -newkey ec, secp384r1). */
    private static final byte[] P384_CERTIFICATE = Base64.getDecoder().decode(""
            + "MIIBvDCCAUKgAwIBAgIUCtuIr8eWycZ+flkIVzJln7+WYeUwCgYIKoZIzj0EAwIwFDESMBAGA1UEAwwJcDM4NC10ZXN0MCAX"
            + "DTI2MTIwNjEzMDAzMloYDzIxMjYxMTEyMTMwMDMyWjAUMRIwEAYDVQQDDAlwMzg0LXRlc3QwdjAQBgcqhkjOPQIBBgUrgQQA"
            + "IgNiAATwUwlo2ZmAD57sMz8iuxaNUsLEO5D1HZXgrkCuycm5JlrpHR2yvHRDm7yeYaJ7CmJZrTjjoMPszzjIC6/WiQw+bQ/Q"
            + "5tGrtP80XpEuE8SxTm/aSH5woN32+cXq6Wrj0DCjUzBRMB0GA1UdDgQWBBR7XLjObxSgfc9XNri3bkQkA9awijAfBgNVHSME"
            + "GDAWgBR7XLjObxSgfc9XNri3bkQkA9awijAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA2gAMGUCMExaSLpWdt0in9X2"
            + "NQv6ce6rY2KgX3WAspaO2mc7HhncyiLYFtPMWacc0/6cfWHYZQIxAJ4wzpICUkhgYwMsf14xlgcqGgLsrIenrX7JqNYslVgv"
            + "aaMN+EAc0OhsIV7ItkvHPg==");

    private final SecureRandom random = new SecureRandom();
    private final BcTlsCrypto bouncyCastle = new BcTlsCrypto(random);
    private final P256Crypto crypto = new P256Crypto(random);

    @Test
    void theDomainIsTheNamedCurveTablesSecp256r1() {
        X9ECParameters table = CustomNamedCurves.getByName("secp256r1");
        assertEquals(table.getCurve(), P256.DOMAIN.getCurve());
        assertEquals(table.getG(), P256.DOMAIN.getG());
        assertEquals(table.getN(), P256.DOMAIN.getN());
        assertEquals(table.getH(), P256.DOMAIN.getH());
    }

    @Test
    void ecdheAgreesWithBouncyCastlesOwnOnP256() throws Exception {
        TlsAgreement ours = crypto.createECDomain(new TlsECConfig(NamedGroup.secp256r1)).createECDH();
        TlsAgreement theirs = bouncyCastle.createECDomain(new TlsECConfig(NamedGroup.secp256r1)).createECDH();
        byte[] ourShare = ours.generateEphemeral();
        assertEquals(65, ourShare.length, "uncompressed point");
        theirs.receivePeerValue(ourShare);
        ours.receivePeerValue(theirs.generateEphemeral());
        assertArrayEquals(theirs.calculateSecret().extract(), ours.calculateSecret().extract());
    }

    @Test
    void aShareThatIsNoPointOfTheCurveIsAnIllegalParameter() throws Exception {
        byte[] offCurve = crypto.createECDomain(new TlsECConfig(NamedGroup.secp256r1)).createECDH().generateEphemeral();
        offCurve[64] ^= 1;
        for (byte[] share : new byte[][] {offCurve, {0}, Arrays.copyOf(offCurve, 33), new byte[0]}) {
            TlsAgreement agreement = crypto.createECDomain(new TlsECConfig(NamedGroup.secp256r1)).createECDH();
            agreement.generateEphemeral();
            TlsFatalAlert alert = assertThrows(TlsFatalAlert.class, () -> agreement.receivePeerValue(share));
            assertEquals(AlertDescription.illegal_parameter, alert.getAlertDescription());
        }
    }

    @Test
    void otherGroupsAreBouncyCastlesOwn() throws Exception {
        byte[] share = crypto.createECDomain(new TlsECConfig(NamedGroup.x25519)).createECDH().generateEphemeral();
        assertEquals(32, share.length, "an X25519 share");
    }

    @Test
    void aP256CertificatesKeyIsTheKeyBouncyCastleReads() throws Exception {
        DtlsIdentity identity = BcIdentity.generate(random);
        ECPublicKeyParameters ours = read(identity.certificateDer()).getPubKeyEC();
        ECPublicKeyParameters theirs = new BcTlsCertificate(bouncyCastle, identity.certificateDer()).getPubKeyEC();
        assertEquals(theirs.getQ(), ours.getQ());
        assertEquals(P256.DOMAIN, ours.getParameters());
        assertTrue(read(identity.certificateDer()).supportsSignatureAlgorithm(SignatureAlgorithm.ecdsa));
    }

    @Test
    void otherKeysAreReadByBouncyCastle() throws Exception {
        ECPublicKeyParameters key = read(P384_CERTIFICATE).getPubKeyEC();
        assertEquals(384, key.getParameters().getCurve().getFieldSize());
        assertEquals(new BcTlsCertificate(bouncyCastle, P384_CERTIFICATE).getPubKeyEC().getQ(), key.getQ());
    }

    @Test
    void aP256CertificateWhoseKeyIsNoPointIsUnsupported() throws Exception {
        byte[] offCurve = P256.DOMAIN.getG().getEncoded(false);
        offCurve[64] ^= 1;
        // The signature is not checked when the key is read.
        byte[] der = DtlsIdentity.selfSigned(offCurve, tbs -> new byte[] {0x30, 0}, new byte[DtlsIdentity.P256_SCALAR_BYTES],
                random).certificateDer();
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class, () -> read(der).getPubKeyEC());
        assertEquals(AlertDescription.unsupported_certificate, alert.getAlertDescription());
    }

    /** An X.509 certificate as the handshake's crypto reads it. */
    private BcTlsCertificate read(byte[] der) throws Exception {
        TlsCertificate certificate = crypto.createCertificate(der);
        assertTrue(certificate instanceof P256Certificate, certificate.getClass().getName());
        return (BcTlsCertificate) certificate;
    }
}
