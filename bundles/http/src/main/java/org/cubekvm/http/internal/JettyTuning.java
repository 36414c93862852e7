package org.cubekvm.http.internal;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tunes Felix's Jetty where its configuration has no setting: JSON for server-level errors,
 * and small socket send buffers so a viewer that stops reading holds at most a frame or two in
 * the kernel and, when it resumes, gets the newest frame instead of seconds of backlog.
 * <p>
 * It also keeps Jetty from holding stopped bundles' class loaders in its WebSocket endpoint
 * cache ({@link WebSocketEndpointCache}): on every bundle's STOPPED event, that bundle's classes
 * are evicted, so hot-swapping a bundle with WebSockets (hid, h264ws, a vendor's) does not leak.
 * <p>
 * Felix hands out its {@link Server} only to {@link ConnectorFactory} services, so this is
 * one. The connector it contributes is a {@link ServerConnector} that never opens a socket
 * (Felix casts every connector of its server to {@code ServerConnector} when Jetty is
 * (re)started for a configuration change, e.g. HTTPS being switched on; an in-memory
 * {@code LocalConnector} made that restart fail).
 */
@Component(service = ConnectorFactory.class)
public class JettyTuning implements ConnectorFactory {
    static final String SEND_BUFFER_PROPERTY = "cubekvm.http.sendBufferBytes";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.http");

    private int sendBufferBytes;
    private volatile Server server;
    private BundleContext context;
    private final SynchronousBundleListener evictStoppedEndpoints = event -> {
        Server current = server;
        if (event.getType() == BundleEvent.STOPPED && current != null) {
            BundleWiring wiring = event.getBundle().adapt(BundleWiring.class);
            ClassLoader loader = wiring == null ? null : wiring.getClassLoader();
            if (loader != null) {
                WebSocketEndpointCache.forget(current, loader);
            }
        }
    };
    private Request.Handler previousErrorHandler;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        context.addBundleListener(evictStoppedEndpoints);
        String configured = context.getProperty(SEND_BUFFER_PROPERTY);
        sendBufferBytes = configured == null ? 64 * 1024 : Integer.parseInt(configured.trim());
    }

    @Override
    public synchronized Connector createConnector(Server server) {
        this.server = server;
        previousErrorHandler = server.getErrorHandler();
        server.setErrorHandler(new JsonServerErrorHandler());
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector network) {
                network.setAcceptedSendBufferSize(sendBufferBytes);
                network.setAcceptedTcpNoDelay(true);
            }
        }
        LOG.debug("Jetty tuned: JSON server errors, {} byte send buffers", sendBufferBytes);
        return new DormantConnector(server);
    }

    /** A connector that takes part in the server's lifecycle but never listens. */
    static final class DormantConnector extends ServerConnector {
        DormantConnector(Server server) {
            super(server, 0, 0);
            setHost("127.0.0.1");
        }

        @Override
        protected void doStart() {
            // never opens a socket or starts selector threads
        }

        @Override
        protected void doStop() {
            // nothing was started
        }
    }

    @Deactivate
    synchronized void deactivate() {
        context.removeBundleListener(evictStoppedEndpoints);
        // Our error handler's class belongs to this bundle: do not leave it behind in Jetty.
        if (server != null && previousErrorHandler != null) {
            server.setErrorHandler(previousErrorHandler);
        }
        server = null;
    }
}
