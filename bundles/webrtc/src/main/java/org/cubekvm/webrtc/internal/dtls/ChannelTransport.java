package org.cubekvm.webrtc.internal.dtls;

import java.io.IOException;
import org.bouncycastle.tls.DatagramTransport;
import org.cubekvm.webrtc.internal.DtlsChannel;

/** BouncyCastle's view of a session's {@link DtlsChannel}. */
final class ChannelTransport implements DatagramTransport {
    private final DtlsChannel channel;

    ChannelTransport(DtlsChannel channel) {
        this.channel = channel;
    }

    @Override
    public int getReceiveLimit() {
        return channel.getReceiveLimit();
    }

    @Override
    public int getSendLimit() {
        return channel.getSendLimit();
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        return channel.receive(buf, off, len, waitMillis);
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        channel.send(buf, off, len);
    }

    @Override
    public void close() {
        channel.close();
    }
}
