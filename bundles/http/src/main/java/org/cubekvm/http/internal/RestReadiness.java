package org.cubekvm.http.internal;

import java.util.ArrayList;
import java.util.List;
import org.cubekvm.api.platform.PlatformProperties;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.whiteboard.JakartarsWhiteboardConstants;

/**
 * Whether Jersey serves the REST application with every resource and extension of the built-in
 * bundles ({@link RestCoverage}). Jersey builds it asynchronously, after Jetty and the streams are
 * up (the REST whiteboard's bundle starts last, docs/device-jvm.md), so {@code /healthz} asks this
 * before it says UP. The answer is worked out again only after a resource, an extension or the
 * runtime changed (a service listener, for services of every class space, marks it stale), not on
 * every request.
 */
final class RestReadiness implements AllServiceListener {
    /** The services whose changes can change the answer. */
    static final String WATCHED = "(|(" + JakartarsWhiteboardConstants.JAKARTA_RS_RESOURCE + "=true)("
            + JakartarsWhiteboardConstants.JAKARTA_RS_EXTENSION + "=true)(" + Constants.OBJECTCLASS + "="
            + JakartarsServiceRuntime.class.getName() + "))";
    private static final String REST_SERVICES = "(|(" + JakartarsWhiteboardConstants.JAKARTA_RS_RESOURCE + "=true)("
            + JakartarsWhiteboardConstants.JAKARTA_RS_EXTENSION + "=true))";

    private final BundleContext context;
    private volatile boolean stale = true;
    private boolean ready;

    RestReadiness(BundleContext context) {
        this.context = context;
    }

    void open() throws InvalidSyntaxException {
        context.addServiceListener(this, WATCHED);
        stale = true;
    }

    void close() {
        context.removeServiceListener(this);
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        stale = true;
    }

    /** @return whether {@code runtime} (null: none yet) serves every built-in REST service */
    synchronized boolean ready(JakartarsServiceRuntime runtime) {
        if (runtime == null) {
            stale = true;
            return false;
        }
        if (stale) {
            // Cleared before reading, so a change while reading marks it stale again.
            stale = false;
            ready = RestCoverage.covers(runtime.getRuntimeDTO(), builtInServiceIds());
        }
        return ready;
    }

    private List<Long> builtInServiceIds() {
        List<Long> ids = new ArrayList<>();
        ServiceReference<?>[] references;
        try {
            references = context.getAllServiceReferences(null, REST_SERVICES);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("http: bad filter " + REST_SERVICES, e);
        }
        if (references != null) {
            for (ServiceReference<?> reference : references) {
                if (reference.getBundle() != null
                        && reference.getBundle().getLocation().startsWith(PlatformProperties.BUILT_IN_LOCATION_PREFIX)) {
                    ids.add((Long) reference.getProperty(Constants.SERVICE_ID));
                }
            }
        }
        return ids;
    }
}
