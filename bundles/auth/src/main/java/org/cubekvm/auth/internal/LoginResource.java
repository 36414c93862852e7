package org.cubekvm.auth.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.cubekvm.api.rest.ApiError;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The public part of {@code /api/auth}: {@code GET/POST /api/auth/setup} (first start only) and
 * {@code POST /api/auth/login}. The only REST endpoints reachable without credentials.
 */
@Component(service = LoginResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LoginResource {
    @Reference
    private AuthService auth;

    record SetupRequest(String setupCode, String username, String password) {
    }

    record LoginRequest(String username, String password) {
    }

    record Me(String username, String role) {
    }

    @GET
    @Path("setup")
    public Map<String, Object> setupRequired() {
        return Map.of("required", auth.setupRequired());
    }

    @POST
    @Path("setup")
    public Response setup(SetupRequest body, @Context HttpServletRequest request) {
        if (body == null) {
            throw ApiException.badRequest("The body must be {\"setupCode\",\"username\",\"password\"}");
        }
        InputBounds.maxLength("setupCode", body.setupCode(), InputBounds.MAX_SETUP_CODE);
        InputBounds.credentials(body.username(), body.password());
        try {
            StoredUser admin = auth.setup(request.getRemoteAddr(), body.setupCode(), body.username(), body.password());
            AuthService.Login login = auth.login(request.getRemoteAddr(), admin.username(), body.password());
            return Response.status(201).header("Set-Cookie", Cookies.session(login.sessionToken(), request))
                    .entity(new Me(admin.username(), admin.role().id())).build();
        } catch (RateLimitedException e) {
            return tooMany(e);
        }
    }

    @POST
    @Path("login")
    public Response login(LoginRequest body, @Context HttpServletRequest request) {
        if (body == null) {
            throw ApiException.badRequest("The body must be {\"username\",\"password\"}");
        }
        InputBounds.credentials(body.username(), body.password());
        try {
            AuthService.Login login = auth.login(request.getRemoteAddr(), body.username(), body.password());
            return Response.ok(new Me(login.user().username(), login.user().role().id()))
                    .header("Set-Cookie", Cookies.session(login.sessionToken(), request))
                    .header("Cache-Control", "no-store").build();
        } catch (RateLimitedException e) {
            return tooMany(e);
        }
    }

    static Response tooMany(RateLimitedException e) {
        return Response.status(429).header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .type(MediaType.APPLICATION_JSON).entity(new ApiError("rate_limited", e.getMessage())).build();
    }
}
