package org.cubekvm.auth.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /api/users} (admin, enforced by the guard): list, create, change role/enabled/password, delete. */
@Component(service = UserResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
    @Reference
    private AuthService auth;
    @Reference
    private AccessGuard guard;

    record UserView(String username, String role, boolean enabled, int tokens) {
        static UserView of(StoredUser user) {
            return new UserView(user.username(), user.role().id(), user.enabled(), user.tokens().size());
        }
    }

    record NewUser(String username, String password, String role) {
    }

    record UserChange(String role, Boolean enabled, String password) {
    }

    @GET
    public List<UserView> list() {
        return auth.users().stream().map(UserView::of).toList();
    }

    @POST
    public Response create(NewUser body) {
        if (body == null) {
            throw ApiException.badRequest("The body must be {\"username\",\"password\",\"role\"}");
        }
        InputBounds.credentials(body.username(), body.password());
        StoredUser user = auth.createUser(body.username(), body.password(), role(body.role()));
        return Response.status(201).entity(UserView.of(user)).build();
    }

    @PUT
    @Path("{name}")
    public UserView update(@PathParam("name") String name, UserChange body) {
        if (body == null) {
            throw ApiException.badRequest("The body must be {\"role\"?,\"enabled\"?,\"password\"?}");
        }
        Role role = body.role() == null ? null : role(body.role());
        return UserView.of(auth.updateUser(name, role, body.enabled(), body.password()));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        auth.deleteUser(name);
        return Response.noContent().build();
    }

    private static Role role(String id) {
        Role role = Role.fromId(id);
        if (role == null) {
            throw ApiException.badRequest("Field 'role' must be admin, operator or viewer");
        }
        return role;
    }
}
