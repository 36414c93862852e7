package org.cubekvm.auth.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** The caller's own account: {@code /api/auth/me}, {@code logout}, {@code password}, {@code tokens}. */
@Component(service = AccountResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {
    @Reference
    private AuthService auth;
    /** Fail closed: this resource exists only while the guard does. */
    @Reference
    private AccessGuard guard;

    record PasswordChange(String currentPassword, String newPassword) {
    }

    record TokenRequest(String name, String scope) {
    }

    record TokenView(String id, String name, String created, String scope) {
    }

    record NewTokenView(String id, String name, String created, String scope, String token) {
    }

    static AuthenticatedUser caller(HttpServletRequest request) {
        Object user = request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE);
        if (!(user instanceof AuthenticatedUser authenticated)) {
            // Only reachable if the guard was bypassed: refuse rather than guess.
            throw new ApiException(401, "unauthorized", "Log in first");
        }
        return authenticated;
    }

    @GET
    @Path("me")
    public LoginResource.Me me(@Context HttpServletRequest request) {
        AuthenticatedUser user = caller(request);
        return new LoginResource.Me(user.username(), user.role().id());
    }

    @POST
    @Path("logout")
    public Response logout(@Context HttpServletRequest request) {
        caller(request);
        String cookie = RequestGuard.sessionCookie(request);
        if (cookie != null) {
            auth.logout(cookie);
        }
        return Response.noContent().header("Set-Cookie", Cookies.cleared(request)).build();
    }

    @PUT
    @Path("password")
    public Response password(PasswordChange body, @Context HttpServletRequest request) {
        AuthenticatedUser user = caller(request);
        if (body == null) {
            throw ApiException.badRequest("The body must be {\"currentPassword\",\"newPassword\"}");
        }
        InputBounds.maxLength("currentPassword", body.currentPassword(), AuthService.MAX_PASSWORD);
        InputBounds.maxLength("newPassword", body.newPassword(), AuthService.MAX_PASSWORD);
        try {
            auth.changePassword(user, request.getRemoteAddr(), body.currentPassword(), body.newPassword());
        } catch (RateLimitedException e) {
            return LoginResource.tooMany(e);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("tokens")
    public List<TokenView> tokens(@Context HttpServletRequest request) {
        StoredUser user = auth.user(caller(request).username());
        List<TokenView> result = new ArrayList<>();
        if (user != null) {
            for (StoredUser.StoredToken token : user.tokens()) {
                result.add(new TokenView(token.id(), token.name(), Instant.ofEpochMilli(token.createdMillis()).toString(),
                        token.scope().id()));
            }
        }
        return result;
    }

    @POST
    @Path("tokens")
    public Response createToken(TokenRequest body, @Context HttpServletRequest request) {
        AuthenticatedUser user = caller(request);
        if (body != null) {
            InputBounds.maxLength("scope", body.scope(), 16);
        }
        AuthService.NewToken created = auth.createToken(user.username(), body == null ? null : body.name(),
                body == null ? null : body.scope());
        StoredUser.StoredToken token = created.token();
        return Response.status(201).header("Cache-Control", "no-store").entity(new NewTokenView(token.id(), token.name(),
                Instant.ofEpochMilli(token.createdMillis()).toString(), token.scope().id(), created.secret())).build();
    }

    @DELETE
    @Path("tokens/{id}")
    public Response deleteToken(@PathParam("id") String id, @Context HttpServletRequest request) {
        auth.deleteToken(caller(request).username(), id);
        return Response.noContent().build();
    }
}
