package org.cubekvm.webrtc.internal.dtls;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;
import org.cubekvm.webrtc.internal.DtlsIdentity;

/**
 * The server's P-256 key and its self-signed certificate, on BouncyCastle's lightweight EC ({@link P256},
 * the curve of ECDHE too), loaded by {@code DtlsClassLoader} like the rest of this package and unloaded
 * with it. Signatures are deterministic (RFC 6979), so signing needs no randomness.
 * Public for the unit tests of this package and {@code DtlsTestPeer}.
 */
public final class BcIdentity {
    private BcIdentity() {
    }

    /** A new key and a certificate for it. */
    public static DtlsIdentity generate(SecureRandom random) {
        AsymmetricCipherKeyPair keys = P256.keyPair(random);
        ECPrivateKeyParameters privateKey = (ECPrivateKeyParameters) keys.getPrivate();
        return DtlsIdentity.selfSigned(P256.encodedPoint(keys), tbs -> sign(privateKey, tbs),
                BigIntegers.asUnsignedByteArray(DtlsIdentity.P256_SCALAR_BYTES, privateKey.getD()), random);
    }

    /** The identity's private key as BouncyCastle's signer takes it. */
    public static ECPrivateKeyParameters privateKey(DtlsIdentity identity) {
        return new ECPrivateKeyParameters(new BigInteger(1, identity.privateKey()), P256.DOMAIN);
    }

    /** ECDSA with SHA-256: ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, DER. */
    private static byte[] sign(ECPrivateKeyParameters key, byte[] message) {
        DSADigestSigner signer = new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())),
                new SHA256Digest());
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }
}
