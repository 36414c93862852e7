package org.cubekvm.oled.internal;

import com.google.gson.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /api/oled}: the display's settings and {@code frame.png}, what the panel shows now. */
@Component(service = OledResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("oled")
public class OledResource {
    @Reference
    private OledService oled;
    /** Fail closed: this resource exists only while access control does. */
    @Reference
    private AccessGuard guard;

    /** The GET/PUT body. */
    record Body(boolean enabled, int sleepAfterSeconds, boolean on, String page) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Body get() {
        oled.refreshIfDue();
        OledSettings settings = oled.settings();
        StatusPages page = oled.page();
        return new Body(settings.enabled(), settings.sleepAfterSeconds(), oled.panelOn(),
                page == null ? null : page.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Admin (settings; the central rules decide): applied at once for this run. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Body put(JsonObject body, @Context HttpServletRequest request) {
        if (!(request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE) instanceof AuthenticatedUser user)
                || !user.role().includes(Role.ADMIN)) {
            throw new ApiException(403, "forbidden", "Changing the display's settings needs the admin role");
        }
        if (body == null) {
            throw ApiException.badRequest("A JSON body {\"enabled\"?,\"sleepAfterSeconds\"?} is required");
        }
        try {
            oled.apply(oled.settings().merge(body));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return get();
    }

    @GET
    @Path("frame.png")
    @Produces("image/png")
    public Response frame() {
        oled.refreshIfDue();
        VirtualPanel panel = oled.panel();
        return Response.ok(MonoPng.encode(panel.ram(), panel.isOn()), "image/png").header("Cache-Control", "no-store").build();
    }
}
