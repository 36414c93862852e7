package org.cubekvm.nativebridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.cubekvm.api.net.SendQueue;
import org.cubekvm.testsupport.SocketFill;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The send queue of a real loopback TCP connection, read through libcubekvm's SIOCOUTQ primitive. */
class KernelSocketQueuesTest {
    private ServerSocketChannel listener;
    private SocketChannel receiver;
    private SocketChannel sender;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        receiver = SocketChannel.open();
        receiver.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        receiver.connect(listener.getLocalAddress());
        sender = listener.accept();
    }

    @AfterEach
    void close() throws IOException {
        sender.close();
        receiver.close();
        listener.close();
    }

    @Test
    void bytesTheReceiverHasNotReadStayQueuedAndLeaveWhenItReads() throws IOException {
        SendQueue queue = new KernelSocketQueues(NativeLibrary.withKillSwitch(null)).sendQueue(sender);
        assertNotNull(queue, "libcubekvm is built and the channel is a plain socket");
        assertEquals(0, queue.bytes());

        long written = SocketFill.untilFull(sender);
        int queued = queue.bytes();
        assertTrue(queued > 0 && queued <= written, "queued " + queued + " of " + written + " unread bytes");

        ByteBuffer sink = ByteBuffer.allocate(65536);
        long read = 0;
        while (read < written) {
            sink.clear();
            read += receiver.read(sink);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (queue.bytes() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, queue.bytes(), "everything was read and acknowledged");
    }

    @Test
    void aClosedChannelReadsUnknownAndOpensNoQueue() throws IOException {
        KernelSocketQueues queues = new KernelSocketQueues(NativeLibrary.withKillSwitch(null));
        SendQueue queue = queues.sendQueue(sender);
        sender.close();
        assertEquals(-1, queue.bytes());
        assertNull(queues.sendQueue(sender));
        assertNull(queues.sendQueue(null));
    }

    @Test
    void withTheBridgeSwitchedOffThereIsNoQueue() {
        assertNull(new KernelSocketQueues(NativeLibrary.withKillSwitch("true")).sendQueue(sender));
    }
}
