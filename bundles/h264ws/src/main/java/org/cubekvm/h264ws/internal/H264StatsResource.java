package org.cubekvm.h264ws.internal;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /api/stream/h264/stats}: viewers, frames sent, server write latency (encode done →
 * handed to the socket) and client ack latency percentiles. {@code DELETE} resets the latency
 * samples (the benchmark measures one scenario at a time).
 */
@Component(service = H264StatsResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("stream/h264/stats")
@Produces(MediaType.APPLICATION_JSON)
public class H264StatsResource {
    @Reference
    private H264StreamServlet servlet;
    /** Fail closed: this resource exists only while access control does. */
    @Reference
    private AccessGuard guard;

    @GET
    public H264Stats.StatsView stats() {
        return servlet.stats().view();
    }

    @DELETE
    public void reset() {
        servlet.stats().reset();
    }
}
