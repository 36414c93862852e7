package org.cubekvm.http.internal;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.osgi.framework.BundleContext;
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
    private Server server;
    private Request.Handler previousErrorHandler;

    @Activate
    void activate(BundleContext context) {
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
        // Our error handler's class belongs to this bundle: do not leave it behind in Jetty.
        if (server != null && previousErrorHandler != null) {
            server.setErrorHandler(previousErrorHandler);
        }
        server = null;
    }
}
