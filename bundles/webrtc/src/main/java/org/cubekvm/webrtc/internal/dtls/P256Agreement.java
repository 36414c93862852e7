package org.cubekvm.webrtc.internal.dtls;

import java.io.IOException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsECDomain;

/**
 * One ECDHE agreement on P-256 ({@link P256}), as BouncyCastle's {@code BcTlsECDH} does it on a domain
 * from its named-curve table: an ephemeral key pair, the peer's share checked to be a point of the
 * curve (else {@code illegal_parameter}), and the shared secret as the x coordinate (RFC 8422).
 */
final class P256Agreement implements TlsAgreement {
    private final BcTlsCrypto crypto;
    private AsymmetricCipherKeyPair local;
    private ECPublicKeyParameters peer;

    P256Agreement(BcTlsCrypto crypto) {
        this.crypto = crypto;
    }

    @Override
    public byte[] generateEphemeral() {
        local = P256.keyPair(crypto.getSecureRandom());
        return P256.encodedPoint(local);
    }

    @Override
    public void receivePeerValue(byte[] peerValue) throws IOException {
        try {
            peer = P256.publicKey(peerValue);
        } catch (RuntimeException e) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter,
                    "webrtc: the peer's ECDHE share is not a P-256 point", e);
        }
    }

    @Override
    public TlsSecret calculateSecret() {
        return BcTlsECDomain.calculateECDHAgreement(crypto, (ECPrivateKeyParameters) local.getPrivate(), peer);
    }
}
