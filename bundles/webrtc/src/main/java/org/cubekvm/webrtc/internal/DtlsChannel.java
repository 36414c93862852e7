package org.cubekvm.webrtc.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The datagram transport a session's DTLS handshake runs on (BouncyCastle's {@code DatagramTransport}
 * through {@code internal.dtls.ChannelTransport}): records for one peer arrive through {@link #offer}
 * from the receive thread (a small bounded queue: excess is dropped, as UDP would), records leave on
 * the shared media socket to the peer's latched address.
 */
public final class DtlsChannel {
    static final int MTU = 1200;
    /** Put in the inbox by {@link #close}: wakes a handshake waiting for a record at once. */
    private static final byte[] CLOSED = new byte[0];
    private final ArrayBlockingQueue<byte[]> inbox = new ArrayBlockingQueue<>(32);
    private final DatagramChannel socket;
    private volatile InetSocketAddress peer;
    private volatile boolean closed;

    DtlsChannel(DatagramChannel socket) {
        this.socket = socket;
    }

    void peer(InetSocketAddress address) {
        peer = address;
    }

    /** From the receive thread: one DTLS datagram (copied; the handshake is not a media path). */
    void offer(byte[] b, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(b, 0, copy, 0, len);
        inbox.offer(copy);
    }

    public int getReceiveLimit() {
        return 1500;
    }

    public int getSendLimit() {
        return MTU;
    }

    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("webrtc: the session ended");
        }
        try {
            byte[] datagram = inbox.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
            if (datagram == CLOSED || closed) {
                throw new IOException("webrtc: the session ended");
            }
            if (datagram == null) {
                return -1;
            }
            int n = Math.min(len, datagram.length);
            System.arraycopy(datagram, 0, buf, off, n);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("webrtc: interrupted", e);
        }
    }

    public void send(byte[] buf, int off, int len) throws IOException {
        InetSocketAddress to = peer;
        if (to != null && !closed) {
            socket.send(ByteBuffer.wrap(buf, off, len), to);
        }
    }

    public void close() {
        closed = true;
        inbox.clear();
        inbox.offer(CLOSED);
    }
}
