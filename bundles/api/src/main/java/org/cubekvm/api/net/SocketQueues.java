package org.cubekvm.api.net;

import java.nio.channels.SocketChannel;
import org.osgi.annotation.versioning.ProviderType;

/** Opens readers of a TCP socket's send queue (the native bundle provides it where the kernel allows). */
@ProviderType
public interface SocketQueues {
    /**
     * @param channel a connected TCP channel (e.g. a Jetty connection's)
     * @return a reader of its send queue, or null when it cannot be read (no native library, not a
     *     plain socket channel)
     */
    SendQueue sendQueue(SocketChannel channel);
}
