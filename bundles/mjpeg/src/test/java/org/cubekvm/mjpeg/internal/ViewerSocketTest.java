package org.cubekvm.mjpeg.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.cubekvm.common.jetty.ViewerSocket;
import org.junit.jupiter.api.Test;

/**
 * The kernel side of "about one frame in flight": a viewer that reads nothing (the slowest link
 * there is) over real loopback TCP. With the viewer's send buffer limited, the server's
 * non-blocking writes stop being accepted before one 1080p JPEG (63 KB) has gone in, so the part
 * written after it waits for the socket and is the newest frame; with a large buffer, several
 * frames would sit in the kernel.
 */
class ViewerSocketTest {
    private static final int FRAME = 63 * 1024;
    private static final int RECEIVE_BUFFER = 4096;

    @Test
    void aLimitedSocketToAViewerThatDoesNotReadAcceptsLessThanOneFrame() throws IOException {
        long accepted = acceptedUntilFull(16 * 1024);
        assertTrue(accepted < FRAME, "bytes the kernel took in while the viewer read nothing: " + accepted);
    }

    @Test
    void aLargeBufferWouldHoldSeveralFrames() throws IOException {
        long accepted = acceptedUntilFull(1024 * 1024);
        assertTrue(accepted > 3L * FRAME, "bytes the kernel took in with a 1 MB buffer: " + accepted);
    }

    @Test
    void theConfiguredSizeIsValidatedWithItsValueInTheMessage() {
        assertThrows(IllegalArgumentException.class, () -> MjpegStreamServlet.validSendBuffer(config(100)),
                "sendBufferBytes must be 0 or 4096..1048576, was 100");
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> MjpegStreamServlet.validSendBuffer(config(2 * 1024 * 1024)));
        assertTrue(tooLarge.getMessage().contains("was 2097152"), tooLarge.getMessage());
        assertTrue(MjpegStreamServlet.validSendBuffer(config(0)) == 0);
        assertTrue(MjpegStreamServlet.validSendBuffer(config(16384)) == 16384);
    }

    @Test
    void aRequestNotServedByJettyIsLeftAlone() throws IOException {
        jakarta.servlet.ServletRequest plain = (jakarta.servlet.ServletRequest) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {jakarta.servlet.ServletRequest.class}, (p, m, a) -> null);
        assertFalse(ViewerSocket.limitSendBuffer(plain, 16384));
    }

    /** Writes without blocking to a connected peer that never reads until the kernel takes no more. */
    private static long acceptedUntilFull(int sendBuffer) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel viewer = SocketChannel.open()) {
                viewer.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
                viewer.connect(server.getLocalAddress());
                try (SocketChannel toViewer = server.accept()) {
                    ViewerSocket.limitSendBuffer(toViewer, sendBuffer);
                    toViewer.configureBlocking(false);
                    ByteBuffer frame = ByteBuffer.allocateDirect(FRAME);
                    long accepted = 0;
                    // Bounded: 64 frames is far more than any buffer here can take.
                    for (int i = 0; i < 64 * FRAME / 1024; i++) {
                        if (!frame.hasRemaining()) {
                            frame.clear();
                        }
                        int n = toViewer.write(frame);
                        if (n == 0) {
                            return accepted;
                        }
                        accepted += n;
                    }
                    return accepted;
                }
            }
        }
    }

    private static MjpegConfig config(int sendBufferBytes) {
        return TestConfigs.mjpeg(sendBufferBytes, 16 * 1024, 1000);
    }
}
