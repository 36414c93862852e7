package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.ee10.websocket.server.internal.JettyServerFrameHandlerFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.JettyWebSocketFrameHandlerMetadata;
import org.junit.jupiter.api.Test;

/**
 * Pins the Jetty internals {@link WebSocketEndpointCache} relies on: if a Jetty update renames
 * them, this fails instead of every hot-swapped WebSocket bundle silently leaking its class loader.
 */
class WebSocketEndpointCacheTest {

    @Test
    void forgetsTheEndpointClassesOfOneLoaderOnlyInEveryContextOfTheServer() throws Exception {
        Server server = new Server();
        ServletContextHandler context = new ServletContextHandler("/");
        server.setHandler(context);
        JettyWebSocketServletContainerInitializer.configure(context, null);
        server.start();
        try {
            JettyServerFrameHandlerFactory factory = JettyServerFrameHandlerFactory.getFactory(context.getServletContext());
            JettyWebSocketFrameHandlerMetadata first = factory.getMetadata(FirstEndpoint.class);
            JettyWebSocketFrameHandlerMetadata second = factory.getMetadata(SecondEndpoint.class);
            assertSame(first, factory.getMetadata(FirstEndpoint.class), "Jetty caches the metadata per class");

            // Both classes share this test's loader: forgetting an unrelated loader keeps them.
            assertEquals(0, WebSocketEndpointCache.forget(server, new ClassLoader() { }));
            assertSame(first, factory.getMetadata(FirstEndpoint.class));

            assertEquals(2, WebSocketEndpointCache.forget(server, FirstEndpoint.class.getClassLoader()));
            assertNotSame(first, factory.getMetadata(FirstEndpoint.class), "the cached entry is gone");
            assertNotSame(second, factory.getMetadata(SecondEndpoint.class));
        } finally {
            server.stop();
        }
    }

    @Test
    void aContextWithoutWebSocketContainerIsNoError() {
        ServletContextHandler context = new ServletContextHandler("/");
        assertEquals(0, WebSocketEndpointCache.forget(context.getServletContext(), getClass().getClassLoader()));
    }

    public static final class FirstEndpoint implements Session.Listener.AutoDemanding {
    }

    public static final class SecondEndpoint implements Session.Listener.AutoDemanding {
    }
}
