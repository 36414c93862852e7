package org.cubekvm.http.internal;

/** Whiteboard properties shared by the core's servlets. */
final class HttpContexts {
    /**
     * Service property selecting every servlet context: the default one, the core's {@code /api}
     * context of the streams and WebSockets ({@link DirectApiContext}) and Jersey's {@code /api} context.
     */
    static final String ALL_CONTEXTS = "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=*)";

    private HttpContexts() {
    }
}
