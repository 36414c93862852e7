package org.cubekvm.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Fills a connected socket's send path (its send buffer and the peer's receive buffer) until the
 * kernel accepts no more: the state of a client that stopped reading. Tests of code that watches a
 * socket's queue use it instead of timing.
 */
public final class SocketFill {
    private static final int BLOCK_BYTES = 16384;

    private SocketFill() {
    }

    /**
     * Switches {@code channel} to non-blocking mode and writes until a write takes nothing.
     *
     * @return the bytes written
     */
    public static long untilFull(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES);
        long written = 0;
        int n;
        do {
            block.clear();
            n = channel.write(block);
            written += n;
        } while (n > 0);
        return written;
    }
}
