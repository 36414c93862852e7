package org.cubekvm.webrtc.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one UDP port of every session (ICE-lite, BUNDLE, rtcp-mux). The receive thread
 * demultiplexes by the first byte (RFC 7983): STUN → connectivity checks answered here and the
 * sender's address latched; DTLS and SRTCP → the session latched to that address. Once a second
 * it ends sessions whose consent expired (RFC 7675: no check or RTCP for 30 s) or that never
 * completed DTLS. The socket is bound at construction (the port is taken while the bundle runs);
 * the receive thread starts with the first session ({@link #add}): an unused WebRTC costs no thread.
 */
final class MediaPort implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.webrtc");
    static final long CONSENT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final DatagramChannel socket;
    private final Selector selector;
    private final Map<String, WebRtcSession> byUfrag = new ConcurrentHashMap<>();
    private final Map<SocketAddress, WebRtcSession> byAddress = new ConcurrentHashMap<>();
    private final WebRtcStats stats;
    private Thread receiver;
    private final Stun stun = new Stun();
    private final byte[] in = new byte[2048];
    private final ByteBuffer inView = ByteBuffer.wrap(in);
    private final byte[] response = new byte[128];
    private final ByteBuffer responseView = ByteBuffer.wrap(response);
    private volatile boolean running = true;
    private boolean closed;
    private final long consentNanos;

    MediaPort(InetAddress bind, int port, WebRtcStats stats) throws IOException {
        this(bind, port, stats, CONSENT_NANOS);
    }

    /** @param consentNanos how long a session lives without a valid check or SRTCP (tests shorten it) */
    MediaPort(InetAddress bind, int port, WebRtcStats stats, long consentNanos) throws IOException {
        this.stats = stats;
        this.consentNanos = consentNanos;
        socket = DatagramChannel.open();
        try {
            socket.bind(new InetSocketAddress(bind, port));
            socket.configureBlocking(false);
            selector = Selector.open();
            socket.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Starts the receive thread once (with the first session); not after {@link #close}. */
    private synchronized void startReceiving() {
        if (receiver == null && !closed) {
            receiver = new Thread(this::receive, "webrtc-receive");
            receiver.setDaemon(true);
            receiver.start();
        }
    }

    /** Whether the receive thread runs (it starts with the first session). */
    synchronized boolean receiving() {
        return receiver != null && receiver.isAlive();
    }

    DatagramChannel socket() {
        return socket;
    }

    int port() {
        try {
            return ((InetSocketAddress) socket.getLocalAddress()).getPort();
        } catch (IOException e) {
            return 0;
        }
    }

    void add(WebRtcSession session) {
        byUfrag.put(new String(session.localUfrag, java.nio.charset.StandardCharsets.US_ASCII), session);
        startReceiving();
    }

    void remove(WebRtcSession session) {
        byUfrag.values().remove(session);
        byAddress.values().removeIf(s -> s == session);
    }

    private void receive() {
        long lastSweep = System.nanoTime();
        while (running) {
            try {
                selector.select(1000);
                selector.selectedKeys().clear();
                while (running) {
                    inView.clear();
                    SocketAddress from = socket.receive(inView);
                    if (from == null) {
                        break;
                    }
                    dispatch(from, inView.position());
                }
                long now = System.nanoTime();
                if (now - lastSweep > TimeUnit.SECONDS.toNanos(1)) {
                    lastSweep = now;
                    sweep(now);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.warn("webrtc: receive failed: {}", e.toString());
                }
            }
        }
    }

    private void dispatch(SocketAddress from, int len) {
        if (len == 0) {
            stats.malformedPackets.incrementAndGet();
            return;
        }
        int first = in[0] & 0xFF;
        if (first <= 3) {
            stunReceived((InetSocketAddress) from, len);
        } else if (first >= 20 && first <= 63) {
            WebRtcSession session = byAddress.get(from);
            if (session == null) {
                stats.malformedPackets.incrementAndGet();
            } else {
                session.dtlsReceived(in, len);
            }
        } else if (first >= 128 && first <= 191 && len >= 8) {
            WebRtcSession session = byAddress.get(from);
            int pt = in[1] & 0xFF;
            if (session == null || pt < 192 || pt > 223) {
                stats.malformedPackets.incrementAndGet(); // a send-only peer expects no RTP
            } else {
                session.rtcpReceived(in, len);
            }
        } else {
            stats.malformedPackets.incrementAndGet();
        }
    }

    private void stunReceived(InetSocketAddress from, int len) {
        if (!stun.parse(in, len) || stun.type != Stun.BINDING_REQUEST) {
            if (stun.type != 0x0101 && stun.type != 0x0011) { // responses and indications are not for us
                stats.malformedPackets.incrementAndGet();
            }
            return;
        }
        String ufrag = stun.usernameLocalPart(in);
        WebRtcSession session = ufrag == null ? null : byUfrag.get(ufrag);
        if (session == null || session.closed() || !stun.fingerprintValid(in) || !stun.integrityValid(in, session.stunKey)) {
            stats.malformedPackets.incrementAndGet();
            return;
        }
        // Latch before answering: the peer starts DTLS as soon as it has the response.
        InetSocketAddress before = session.peer();
        session.checked(from, stun.useCandidate);
        if (!from.equals(before) || !byAddress.containsKey(from)) {
            byAddress.put(from, session);
        }
        int n = stun.writeBindingSuccess(in, response, from.getAddress(), from.getPort(), session.stunKey);
        responseView.limit(n).position(0);
        try {
            socket.send(responseView, from);
        } catch (IOException e) {
            LOG.debug("webrtc: binding response to {} failed: {}", from, e.toString());
        }
    }

    private void sweep(long now) {
        for (WebRtcSession session : byUfrag.values()) {
            if (now - session.consentNanos > consentNanos) {
                // Counted before the close is told, so whoever sees the session ended sees why.
                stats.consentExpired.incrementAndGet();
                session.close("consent expired (no connectivity check for " + consentNanos / 1_000_000_000L + " s)");
            } else if (!session.ready() && now - session.createdNanos > consentNanos) {
                session.close("no DTLS handshake within " + consentNanos / 1_000_000_000L + " s");
            }
        }
    }

    @Override
    public void close() {
        Thread started;
        synchronized (this) {
            closed = true;
            started = receiver;
        }
        running = false;
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            if (started != null) {
                started.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
