package org.cubekvm.hid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.ee10.websocket.server.internal.JettyServerFrameHandlerFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.common.JettyWebSocketFrameHandlerMetadata;
import org.junit.jupiter.api.Test;

/**
 * Pins the Jetty internals {@link EndpointMetadataCache} relies on: if a Jetty update renames
 * them, this fails instead of the hid bundle silently leaking its class loader on every update.
 */
class EndpointMetadataCacheTest {

    @Test
    void forgetsTheEndpointClassesOfOneLoaderOnly() throws Exception {
        Server server = new Server();
        ServletContextHandler context = new ServletContextHandler("/");
        server.setHandler(context);
        JettyWebSocketServletContainerInitializer.configure(context, null);
        server.start();
        try {
            JettyServerFrameHandlerFactory factory = JettyServerFrameHandlerFactory.getFactory(context.getServletContext());
            JettyWebSocketFrameHandlerMetadata hid = factory.getMetadata(HidConnection.class);
            JettyWebSocketFrameHandlerMetadata other = factory.getMetadata(OtherLoaderEndpoint.class);
            assertSame(hid, factory.getMetadata(HidConnection.class), "Jetty caches the metadata per class");

            // In the test both classes share a loader: forgetting an unrelated loader keeps them.
            assertEquals(0, EndpointMetadataCache.forget(context.getServletContext(), new ClassLoader() { }));
            assertSame(hid, factory.getMetadata(HidConnection.class));

            assertEquals(2, EndpointMetadataCache.forget(context.getServletContext(), HidConnection.class.getClassLoader()));
            assertNotSame(hid, factory.getMetadata(HidConnection.class), "the cached entry is gone");
            assertNotSame(other, factory.getMetadata(OtherLoaderEndpoint.class));
        } finally {
            server.stop();
        }
    }

    @Test
    void aContextWithoutWebSocketContainerIsNoError() {
        ServletContextHandler context = new ServletContextHandler("/");
        assertEquals(0, EndpointMetadataCache.forget(context.getServletContext(), HidConnection.class.getClassLoader()));
    }

    public static final class OtherLoaderEndpoint implements org.eclipse.jetty.websocket.api.Session.Listener.AutoDemanding {
    }
}
