package org.cubekvm.webrtc.internal.dtls;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * An X.509 certificate whose P-256 key ({@code id-ecPublicKey} with the named curve
 * {@code prime256v1}: WebRTC's default, browsers' and ours) is read with {@link P256}, not with
 * BouncyCastle's public-key factory and named-curve table; any other key as {@link BcTlsCertificate}
 * reads it.
 */
final class P256Certificate extends BcTlsCertificate {
    P256Certificate(BcTlsCrypto crypto, byte[] encoding) throws IOException {
        super(crypto, encoding);
    }

    @Override
    protected AsymmetricKeyParameter getPublicKey() throws IOException {
        AlgorithmIdentifier algorithm = keyInfo.getAlgorithm();
        ASN1Encodable curve = algorithm.getParameters();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm()) && curve != null
                && X9ObjectIdentifiers.prime256v1.equals(curve.toASN1Primitive())) {
            try {
                return P256.publicKey(keyInfo.getPublicKeyData().getOctets());
            } catch (RuntimeException e) {
                throw new TlsFatalAlert(AlertDescription.unsupported_certificate,
                        "webrtc: the certificate's key is not a P-256 point", e);
            }
        }
        return super.getPublicKey();
    }
}
