package org.cubekvm.common.jetty;

import jakarta.servlet.ServletRequest;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;

/**
 * Shrinks the kernel send buffer of one viewer's TCP connection (MJPEG and H.264 viewers). The
 * connector's buffer (64 KB, doubled by Linux) holds two 1080p JPEGs: on a slow link they wait ahead of every new frame and
 * the picture lags by three frame times. With a buffer of about a quarter frame, the viewer's
 * non-blocking write of a part completes only when nearly all earlier bytes have left, so the next
 * part it takes is the newest frame and at most about one frame is in flight. Bytes the network
 * has not acknowledged count against the buffer too, so the bound also holds for bytes queued in
 * a shaper or a router. TLS and other wrappers are looked through to the socket.
 */
public final class ViewerSocket {
    private ViewerSocket() {
    }

    /**
     * @return whether the buffer was set (false when the request does not run on a Jetty socket
     *     channel, e.g. in a unit test)
     */
    public static boolean limitSendBuffer(ServletRequest request, int bytes) throws IOException {
        SocketChannel channel = channel(request);
        if (channel == null) {
            return false;
        }
        limitSendBuffer(channel, bytes);
        return true;
    }

    /**
     * @return the TCP channel the request arrived on, TLS and other wrappers looked through; null
     *     when the request does not run on a Jetty socket channel (e.g. in a unit test)
     */
    public static SocketChannel channel(ServletRequest request) {
        ServletContextRequest jetty;
        try {
            jetty = ServletContextRequest.getServletContextRequest(request);
        } catch (IllegalStateException notJetty) {
            return null;
        }
        if (jetty == null) {
            return null;
        }
        EndPoint endPoint = jetty.getConnectionMetaData().getConnection().getEndPoint();
        while (endPoint instanceof EndPoint.Wrapper wrapper) {
            endPoint = wrapper.unwrap();
        }
        return endPoint instanceof SocketChannelEndPoint socket ? socket.getChannel() : null;
    }

    public static void limitSendBuffer(SocketChannel channel, int bytes) throws IOException {
        channel.setOption(StandardSocketOptions.SO_SNDBUF, bytes);
    }
}
