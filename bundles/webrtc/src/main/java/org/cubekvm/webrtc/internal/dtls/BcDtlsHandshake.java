package org.cubekvm.webrtc.internal.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.cubekvm.webrtc.internal.DtlsChannel;
import org.cubekvm.webrtc.internal.DtlsHandshake;
import org.cubekvm.webrtc.internal.DtlsIdentity;

/**
 * DTLS 1.2's server side on BouncyCastle ({@link DtlsServer}), made by reflection in a
 * {@code DtlsClassLoader}: the one class of this package the rest of the bundle reaches, through
 * {@link DtlsHandshake}. Holds no state; one instance serves every handshake at the same time.
 */
public final class BcDtlsHandshake implements DtlsHandshake {
    @Override
    public Keys accept(DtlsIdentity identity, byte[] expectedFingerprint, DtlsChannel channel) throws IOException {
        DtlsServer server = new DtlsServer(identity, expectedFingerprint);
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        protocol.setVerifyRequests(false); // ICE already proved the peer's address
        protocol.accept(server, new ChannelTransport(channel));
        return new Keys(server.profile(), server.keyingMaterial());
    }

    @Override
    public DtlsIdentity newIdentity() {
        return BcIdentity.generate(new SecureRandom());
    }
}
