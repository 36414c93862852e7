package org.cubekvm.http.internal;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Field;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a stopped bundle's classes from Jetty's WebSocket endpoint metadata cache, so an
 * updated or uninstalled bundle's class loader can be collected.
 *
 * <p>Every {@code JettyWebSocketServlet} builds its frame handlers with the one
 * {@code JettyServerFrameHandlerFactory} of its servlet context handler, and Felix HTTP runs
 * every whiteboard context in one Jetty context handler that lives as long as the HTTP service.
 * That factory caches each endpoint class's metadata in a
 * {@code ConcurrentHashMap<Class<?>, JettyWebSocketFrameHandlerMetadata>} ({@code metadataMap})
 * that Jetty 12.0 never evicts and offers no method to clear: the entry for a bundle's endpoint
 * class kept every old revision of that bundle reachable (measured: 20 in-place updates of hid
 * retained 776 classes and ~4 MB). Hence the reflection. It fails soft: with a Jetty whose
 * fields differ, bundles work as before and leak as before; {@code WebSocketEndpointCacheTest}
 * pins the fields to the Jetty version we build against.
 */
final class WebSocketEndpointCache {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.http");

    private WebSocketEndpointCache() {
    }

    /** Forgets the endpoint classes of {@code loader} in every servlet context of {@code server}. */
    static int forget(Server server, ClassLoader loader) {
        int removed = 0;
        for (ServletContextHandler handler : server.getDescendants(ServletContextHandler.class)) {
            removed += forget(handler.getServletContext(), loader);
        }
        return removed;
    }

    /** Forgets the endpoint classes of {@code loader} in the WebSocket container of {@code context}. */
    static int forget(ServletContext context, ClassLoader loader) {
        try {
            JettyWebSocketServerContainer container = JettyWebSocketServerContainer.getContainer(context);
            if (container == null) {
                return 0;
            }
            return forgetIn(field(container.getClass(), "frameHandlerFactory").get(container), loader);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("could not remove a stopped bundle's WebSocket endpoints from Jetty's metadata cache ({});"
                    + " an update of that bundle will leave its old class loader behind", e.toString());
            return 0;
        }
    }

    /** Forgets the endpoint classes of {@code loader} in a {@code JettyWebSocketFrameHandlerFactory}. */
    static int forgetIn(Object frameHandlerFactory, ClassLoader loader) throws ReflectiveOperationException {
        if (frameHandlerFactory == null) {
            return 0;
        }
        Map<?, ?> metadata = (Map<?, ?>) field(frameHandlerFactory.getClass(), "metadataMap").get(frameHandlerFactory);
        int before = metadata.size();
        metadata.keySet().removeIf(key -> key instanceof Class<?> type && type.getClassLoader() == loader);
        return before - metadata.size();
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
