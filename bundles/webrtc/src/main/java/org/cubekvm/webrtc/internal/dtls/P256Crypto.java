package org.cubekvm.webrtc.internal.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle's lightweight TLS crypto with P-256 made by {@link P256}: ECDHE on P-256 and X.509
 * certificates with P-256 keys no longer go through BouncyCastle's named-curve table and public-key
 * factory (which load ~90 classes of other curves and key types). Everything else, and other groups and
 * keys, as {@link BcTlsCrypto} does it.
 */
final class P256Crypto extends BcTlsCrypto {
    P256Crypto(SecureRandom random) {
        super(random);
    }

    @Override
    public TlsECDomain createECDomain(TlsECConfig config) {
        return config.getNamedGroup() == NamedGroup.secp256r1 ? new Domain(this) : super.createECDomain(config);
    }

    @Override
    public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
        return type == CertificateType.X509 ? new P256Certificate(this, encoding)
                : super.createCertificate(type, encoding);
    }

    /** ECDHE on P-256: one {@link P256Agreement} per handshake. */
    private static final class Domain implements TlsECDomain {
        private final BcTlsCrypto crypto;

        Domain(BcTlsCrypto crypto) {
            this.crypto = crypto;
        }

        @Override
        public TlsAgreement createECDH() {
            return new P256Agreement(crypto);
        }
    }
}
