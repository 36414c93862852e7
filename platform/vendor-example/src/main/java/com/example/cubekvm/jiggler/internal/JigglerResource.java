package com.example.cubekvm.jiggler.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /api/vendor/jiggler}: state, one jiggle now, and the toolbar button's module. */
@Component(service = JigglerResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("vendor/jiggler")
@Produces(MediaType.APPLICATION_JSON)
public class JigglerResource {
    private final Jiggler jiggler;

    @Activate
    public JigglerResource(@Reference Jiggler jiggler) {
        this.jiggler = jiggler;
    }

    @GET
    public JiggleState state() {
        return jiggler.state();
    }

    @POST
    @Path("jiggle")
    public JiggleState jiggle() {
        jiggler.jiggle();
        return jiggler.state();
    }

    @GET
    @Path("ui.js")
    @Produces("text/javascript")
    public Response module() throws IOException {
        try (InputStream in = JigglerResource.class.getResourceAsStream("/web/jiggler.js")) {
            return Response.ok(in.readAllBytes()).header("Cache-Control", "no-cache").build();
        }
    }
}
