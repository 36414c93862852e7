package org.cubekvm.hid.internal;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Field;
import java.util.Map;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes this bundle's endpoint classes from Jetty's WebSocket metadata cache when the
 * servlet is destroyed, so that an updated or uninstalled hid bundle's class loader can be
 * collected.
 *
 * <p>Every {@link org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet} builds its
 * frame handlers with the one {@code JettyServerFrameHandlerFactory} of the servlet context
 * handler. Felix HTTP runs every whiteboard context in one Jetty context handler that lives as
 * long as the HTTP service. That factory caches the metadata of each endpoint class in a
 * {@code ConcurrentHashMap<Class<?>, JettyWebSocketFrameHandlerMetadata>}
 * ({@code metadataMap}). Jetty 12.0 never evicts entries from that map and has no public
 * method to do it. The key {@code HidConnection.class} kept every old revision's class loader
 * reachable: about 38 classes and their metadata for each in-place update. Hence the
 * reflection. It fails soft: if a Jetty version no longer has these fields, the bundle works
 * as before and leaks as before. {@code EndpointMetadataCacheTest} pins the fields to the Jetty
 * version we build against.
 */
final class EndpointMetadataCache {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.hid");

    private EndpointMetadataCache() {
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
            LOG.warn("could not remove the hid WebSocket endpoint from Jetty's metadata cache ({});"
                    + " an update of this bundle will leave its old class loader behind", e.toString());
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
