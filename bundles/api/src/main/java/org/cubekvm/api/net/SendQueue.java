package org.cubekvm.api.net;

import org.osgi.annotation.versioning.ProviderType;

/** The send queue of one TCP socket. */
@ProviderType
public interface SendQueue {
    /**
     * @return the bytes written to the socket that the peer has not acknowledged yet, sent or
     *     not (Linux SIOCOUTQ), or -1 when unknown (the socket closed); allocates nothing
     */
    int bytes();
}
