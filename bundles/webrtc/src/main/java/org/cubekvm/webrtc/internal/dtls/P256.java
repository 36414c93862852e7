package org.cubekvm.webrtc.internal.dtls;

import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.WNafUtil;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;
import org.bouncycastle.util.encoders.Hex;

/**
 * P-256 (secp256r1), the one curve a handshake uses for the server's key, ECDHE and browsers'
 * certificates, on BouncyCastle's own arithmetic for it ({@code SecP256R1Curve}), with the generator
 * configured as BouncyCastle's named-curve table configures it. Made here rather than looked up in that
 * table ({@code CustomNamedCurves}): loading the table loads a holder class for each of its 33 curves
 * and, through the bytecode verifier, the class of nearly every curve (~75 classes), every time the
 * DTLS classes are loaded again after a release.
 */
final class P256 {
    /** SEC 2 / FIPS 186-4: the generator, uncompressed. */
    private static final String GENERATOR = "04"
            + "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"
            + "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5";

    static final ECDomainParameters DOMAIN = domain();

    private P256() {
    }

    private static ECDomainParameters domain() {
        SecP256R1Curve curve = new SecP256R1Curve();
        ECPoint generator = curve.decodePoint(Hex.decodeStrict(GENERATOR));
        WNafUtil.configureBasepoint(generator);
        return new ECDomainParameters(curve, generator, curve.getOrder(), curve.getCofactor());
    }

    /** A new key pair on P-256. */
    static AsymmetricCipherKeyPair keyPair(SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(DOMAIN, random));
        return generator.generateKeyPair();
    }

    /** A key pair's public point, X9.62 uncompressed (65 bytes). */
    static byte[] encodedPoint(AsymmetricCipherKeyPair keys) {
        return ((ECPublicKeyParameters) keys.getPublic()).getQ().getEncoded(false);
    }

    /**
     * A peer's point (X9.62 encoding) as a public key on P-256, checked to be on the curve and not the
     * point at infinity.
     *
     * @throws IllegalArgumentException when it is not such a point
     */
    static ECPublicKeyParameters publicKey(byte[] encoded) {
        return new ECPublicKeyParameters(DOMAIN.getCurve().decodePoint(encoded), DOMAIN);
    }
}
