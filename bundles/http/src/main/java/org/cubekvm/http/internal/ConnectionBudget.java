package org.cubekvm.http.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket budget: at most {@code maxConnectionsPerAddress} open connections from one client
 * address (trusted proxies excepted) and {@code maxConnections} in all; a connection beyond either
 * is closed as soon as it is accepted. And the header timeout: a connection that has not sent a
 * complete request header within {@code headerTimeoutMillis} of opening, or that has been in the
 * middle of one request header for that long, is closed (Jetty parses headers without a thread, so
 * a slow header costs a socket; this bounds for how long). Idle connections are Jetty's idle timeout.
 */
final class ConnectionBudget implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.http");

    private final Scheduler scheduler;
    private volatile HttpLimits limits;
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    ConnectionBudget(Scheduler scheduler, HttpLimits limits) {
        this.scheduler = scheduler;
        this.limits = limits;
    }

    void limits(HttpLimits changed) {
        limits = changed;
    }

    int open() {
        return total.get();
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (!(endPoint instanceof SslConnection.SslEndPoint)) {
            admit(connection, endPoint);
        }
        if (connection instanceof HttpConnection http && endPoint.isOpen()) {
            HeaderWatch watch = new HeaderWatch(http);
            watch.schedule();
        }
    }

    private void admit(Connection connection, EndPoint endPoint) {
        SocketAddress remote = endPoint.getRemoteSocketAddress();
        InetAddress address = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (address == null) {
            return;
        }
        HttpLimits current = limits;
        counted.put(connection, address);
        int fromAddress = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        int all = total.incrementAndGet();
        boolean overAddress = fromAddress > current.maxConnectionsPerAddress() && !current.trustedProxies().contains(address);
        if (overAddress || all > current.maxConnections()) {
            int n = refused.incrementAndGet();
            if (n == 1 || n % 100 == 0) {
                LOG.warn("http: closed a new connection from {}: {} ({} refused so far)", address.getHostAddress(),
                        overAddress ? fromAddress - 1 + " are open from that address, the most allowed is "
                                + current.maxConnectionsPerAddress()
                                : all - 1 + " are open, the most allowed is " + current.maxConnections(), n);
            }
            endPoint.close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address == null) {
            return;
        }
        total.decrementAndGet();
        AtomicInteger count = perAddress.get(address);
        if (count != null && count.decrementAndGet() <= 0) {
            perAddress.remove(address, count);
        }
    }

    /** Closes the connection when one request header has taken longer than the header timeout. */
    private final class HeaderWatch implements Runnable {
        private final HttpConnection http;
        private long messagesAtLastCheck = -1;
        private boolean partialAtLastCheck;

        HeaderWatch(HttpConnection http) {
            this.http = http;
        }

        void schedule() {
            scheduler.schedule(this, limits.headerTimeoutMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            EndPoint endPoint = http.getEndPoint();
            if (!endPoint.isOpen() || endPoint.getConnection() != http) {
                return; // closed, or upgraded to a WebSocket
            }
            long messages = http.getMessagesIn();
            HttpParser parser = http.getParser();
            boolean partial = parser.inHeaderState() && !parser.isStart();
            boolean slow = messages == 0 && messagesAtLastCheck < 0
                    || partial && partialAtLastCheck && messages == messagesAtLastCheck;
            if (slow) {
                LOG.debug("http: closed a connection from {} that sent no complete request header within the timeout",
                        endPoint.getRemoteSocketAddress());
                endPoint.close();
                return;
            }
            messagesAtLastCheck = messages;
            partialAtLastCheck = partial;
            schedule();
        }
    }
}
