package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.cubekvm.api.net.SendQueue;
import org.cubekvm.api.net.SocketQueues;
import org.cubekvm.testsupport.SocketFill;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

/**
 * The MJPEG viewers' pacing reads a socket's send queue through the native bundle: inside the
 * platform (the library found through Bundle-NativeCode, the descriptor read from a JDK socket
 * channel) bytes a receiver has not read show up as queued.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SocketQueuesIT extends PlatformTest {
    @Test
    public void theNativeBundleReadsTheSendQueueOfAPlatformSocket() throws IOException {
        ServiceReference<SocketQueues> reference = context.getServiceReference(SocketQueues.class);
        assertNotNull("the native bundle offers SocketQueues", reference);
        assertEquals("org.cubekvm.native", reference.getBundle().getSymbolicName());
        SocketQueues queues = context.getService(reference);
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel receiver = SocketChannel.open()) {
            receiver.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            receiver.connect(listener.getLocalAddress());
            try (SocketChannel sender = listener.accept()) {
                SendQueue queue = queues.sendQueue(sender);
                assertNotNull("libcubekvm reads the channel's descriptor", queue);
                assertEquals(0, queue.bytes());
                long written = SocketFill.untilFull(sender);
                int queued = queue.bytes();
                assertTrue("queued " + queued + " of " + written + " unread bytes", queued > 0 && queued <= written);
            }
        } finally {
            context.ungetService(reference);
        }
    }
}
