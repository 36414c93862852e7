package org.cubekvm.webrtc.internal;

import java.security.SecureRandom;
import org.cubekvm.webrtc.internal.dtls.BcIdentity;

/** DTLS identities for tests (servers' and test peers'), made as the bundle makes its own. */
final class Identities {
    private Identities() {
    }

    static DtlsIdentity generate() {
        return BcIdentity.generate(new SecureRandom());
    }
}
