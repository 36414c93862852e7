package org.cubekvm.http.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.cubekvm.common.servlet.JsonResponses;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.cubekvm.api.auth.AccessGuard;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /healthz}: UP once the framework is started and every built-in bundle is active
 * (fragments resolved), the access guard is in place (an {@link AccessGuard} service exists):
 * without it every protected endpoint is absent, and Jersey serves the REST application with every
 * built-in resource and extension ({@link RestReadiness}): clients take UP to mean "the API
 * answers", and Jersey builds it after the streams are up. Deliberately says nothing else: it is public.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/healthz")
public class HealthzServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final byte[] UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOWN = "{\"status\":\"DOWN\"}".getBytes(StandardCharsets.UTF_8);

    private transient BundleContext context;
    private transient RestReadiness rest;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AccessGuard guard;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile JakartarsServiceRuntime restRuntime;

    @Activate
    void activate(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        rest = new RestReadiness(context);
        rest.open();
    }

    @Deactivate
    void deactivate() {
        rest.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean up = guard != null && BuiltInBundles.allRunning(context) && rest.ready(restRuntime);
        JsonResponses.send(response, up ? 200 : 503, up ? UP : DOWN);
    }
}
