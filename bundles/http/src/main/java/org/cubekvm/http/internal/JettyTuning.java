package org.cubekvm.http.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
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
 * <p>
 * And it sets the request and connection budget (PID {@code org.cubekvm.http}, {@link HttpLimitsConfig};
 * docs/security.md): request header size, idle timeout and minimum upload rate on every connector, the
 * {@link ConnectionBudget} (per-address and total connection caps, header timeout) as a connection
 * listener, the {@link TrustedProxyCustomizer}, and the {@link RequestBodyGate} in front of Felix's
 * servlet context (Felix starts its server before it asks for connectors, so the gate is put between
 * the context collection and the context: that collection may change while started).
 */
@Component(service = ConnectorFactory.class, configurationPid = JettyTuning.PID)
@Designate(ocd = HttpLimitsConfig.class)
public class JettyTuning implements ConnectorFactory {
    static final String PID = "org.cubekvm.http";
    static final String SEND_BUFFER_PROPERTY = "cubekvm.http.sendBufferBytes";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.http");

    private int sendBufferBytes;
    private IdlePoolThreads poolThreads;
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
    private HttpLimits limits;
    private ConnectionBudget connections;
    private TrustedProxyCustomizer proxies;
    private RequestBodyGate gate;
    private final List<ServerConnector> tuned = new ArrayList<>();

    @Activate
    void activate(BundleContext context, HttpLimitsConfig config) {
        limits = HttpLimits.of(config, context.getProperty(HttpLimits.TRUSTED_PROXIES_PROPERTY));
        this.context = context;
        context.addBundleListener(evictStoppedEndpoints);
        String configured = context.getProperty(SEND_BUFFER_PROPERTY);
        sendBufferBytes = configured == null ? 64 * 1024 : Integer.parseInt(configured.trim());
        poolThreads = IdlePoolThreads.of(context.getProperty(IdlePoolThreads.MIN_PROPERTY),
                context.getProperty(IdlePoolThreads.MAX_PROPERTY),
                context.getProperty(IdlePoolThreads.IDLE_MILLIS_PROPERTY));
    }

    @Override
    public synchronized Connector createConnector(Server server) {
        this.server = server;
        previousErrorHandler = server.getErrorHandler();
        server.setErrorHandler(new JsonServerErrorHandler());
        untune(); // a previous server's connectors (Felix restarted Jetty)
        gate = null;
        connections = new ConnectionBudget(server.getScheduler(), limits);
        proxies = new TrustedProxyCustomizer(limits);
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector network && !(connector instanceof DormantConnector)) {
                network.setAcceptedSendBufferSize(sendBufferBytes);
                network.setAcceptedTcpNoDelay(true);
                network.setIdleTimeout(limits.idleTimeoutMillis());
                network.addEventListener(connections);
                HttpConnectionFactory http = network.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    HttpConfiguration configuration = http.getHttpConfiguration();
                    configuration.setRequestHeaderSize(limits.requestHeaderBytes());
                    withoutHeaderCache(configuration);
                    configuration.addCustomizer(proxies);
                }
                tuned.add(network);
            }
        }
        installGate(server);
        if (poolThreads.applyTo(server.getThreadPool())) {
            LOG.info("http: Jetty's pool has {} to {} threads, the others end after {} ms idle",
                    poolThreads.min(), poolThreads.max(), poolThreads.idleMillis());
        }
        LOG.info("http: {} connector(s) tuned: at most {} connections per address and {} in all, request headers"
                + " within {} s and at most {} bytes, bodies within {} s, idle timeout {} s, {} trusted proxies",
                tuned.size(), limits.maxConnectionsPerAddress(), limits.maxConnections(), limits.headerTimeoutMillis() / 1000,
                limits.requestHeaderBytes(), limits.bodyTimeoutMillis() / 1000, limits.idleTimeoutMillis() / 1000,
                limits.trustedProxies().size());
        return new DormantConnector(server);
    }

    /**
     * No per-connection cache of request header fields: Jetty's default (1 024 entries) gives every
     * keep-alive connection that has served a request a 96 KiB table (a heap dump under the budget load:
     * {@code HttpParser$FieldCache} 98 KB for one REST connection; a browser keeps up to six). The cache
     * only saves re-parsing repeated header values, a few hundred bytes of garbage per request.
     */
    static void withoutHeaderCache(HttpConfiguration configuration) {
        configuration.setHeaderCacheSize(0);
    }

    /** Puts the body gate between Felix's context collection and its one servlet context. */
    private void installGate(Server server) {
        ContextHandlerCollection contexts = server.getDescendant(ContextHandlerCollection.class);
        if (contexts == null || contexts.getHandlers().size() != 1) {
            LOG.error("http: Felix's Jetty has no single servlet context; request bodies are not gated");
            return;
        }
        Handler servlets = contexts.getHandlers().get(0);
        if (servlets instanceof RequestBodyGate) {
            return;
        }
        contexts.unmanage(servlets); // taking it out of the collection must not stop it
        RequestBodyGate installed = new RequestBodyGate(servlets,
                new BodyBudget(limits.smallBodyBufferBytes(), limits.largeBodyBufferBytes()), limits.bodyTimeoutMillis());
        installed.unmanage(servlets);
        contexts.setHandlers(List.of(installed));
        try {
            if (!installed.isStarted()) {
                installed.start();
            }
        } catch (Exception e) {
            throw new IllegalStateException("http: the request body gate did not start", e);
        }
        installed.manage(servlets); // stopping the server stops the context through the gate
        gate = installed;
    }

    private void removeGate(Server server) {
        ContextHandlerCollection contexts = server.getDescendant(ContextHandlerCollection.class);
        if (gate == null || contexts == null) {
            return;
        }
        Handler servlets = gate.getHandler();
        if (contexts.getHandlers().contains(gate) && servlets != null) {
            gate.unmanage(servlets); // removing the gate must not stop the context
            contexts.setHandlers(List.of(servlets));
            contexts.manage(servlets);
        }
        gate = null;
    }

    private void untune() {
        for (ServerConnector network : tuned) {
            network.removeEventListener(connections);
            HttpConnectionFactory http = network.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                List<HttpConfiguration.Customizer> kept = new ArrayList<>(http.getHttpConfiguration().getCustomizers());
                kept.remove(proxies);
                http.getHttpConfiguration().setCustomizers(kept);
            }
        }
        tuned.clear();
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
        if (server != null) {
            untune();
            removeGate(server);
        }
        server = null;
    }
}
