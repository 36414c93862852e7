package org.cubekvm.atx.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.cubekvm.api.atx.AtxButton;
import org.cubekvm.api.atx.AtxLeds;
import org.cubekvm.api.atx.AtxTarget;
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

/**
 * {@code /api/atx}: the LEDs, and the power and reset buttons. A button request is checked
 * completely (role, button, action, duration) before anything happens, answers 202 at once and
 * the action runs in the background; while any action runs another is 409.
 */
@Component(service = AtxResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("atx")
@Produces(MediaType.APPLICATION_JSON)
public class AtxResource {
    @Reference
    private AtxController controller;
    @Reference
    private AtxTarget target;
    /** Fail closed: this resource exists only while access control does. */
    @Reference
    private AccessGuard guard;

    @GET
    public AtxLeds leds() {
        return target.leds();
    }

    @POST
    @Path("{button}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response press(@PathParam("button") String buttonId, JsonObject body, @Context HttpServletRequest request) {
        AuthenticatedUser user = operator(request);
        AtxAction action = parse(buttonId, body, controller.timing(), user.username());
        if (!controller.start(action)) {
            AtxAction busy = controller.running();
            throw ApiException.conflict("An ATX action is running" + (busy == null ? ""
                    : " (" + busy.kind().id() + " of " + busy.button().id() + " by " + busy.user() + ")")
                    + "; try again when it has finished");
        }
        return Response.status(202).entity(action.accepted()).build();
    }

    /** The ATX buttons are the operator's (checked here, where they are used, not only by the guard). */
    static AuthenticatedUser operator(HttpServletRequest request) {
        if (!(request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE) instanceof AuthenticatedUser user)) {
            throw new ApiException(401, "unauthorized", "Log in first");
        }
        if (!user.role().includes(Role.OPERATOR)) {
            throw new ApiException(403, "forbidden", "This needs the operator role; " + user.username()
                    + " is " + user.role().id());
        }
        return user;
    }

    /** The request as an action, or 400/404 naming what is wrong. */
    static AtxAction parse(String buttonId, JsonObject body, AtxTiming timing, String user) {
        AtxButton button = AtxButton.fromId(buttonId);
        if (button == null) {
            throw ApiException.notFound("There is no ATX button " + quote(buttonId) + "; the buttons are power and reset");
        }
        if (body == null) {
            throw ApiException.badRequest("A JSON body {\"action\":\"press\"|\"hold\"} is required");
        }
        JsonElement actionField = body.get("action");
        if (!(actionField instanceof JsonPrimitive primitive) || !primitive.isString()) {
            throw ApiException.badRequest("Field 'action' must be \"press\" or \"hold\"");
        }
        AtxAction.Kind kind = AtxAction.Kind.fromId(primitive.getAsString());
        if (kind == null) {
            throw ApiException.badRequest("Field 'action' must be \"press\" or \"hold\", was "
                    + quote(primitive.getAsString()));
        }
        int duration = kind == AtxAction.Kind.PRESS ? timing.pressMillis() : timing.holdMillis();
        JsonElement durationField = body.get("durationMs");
        if (durationField != null && !durationField.isJsonNull()) {
            if (!(durationField instanceof JsonPrimitive number) || !number.isNumber()) {
                throw ApiException.badRequest("Field 'durationMs' must be a number of milliseconds");
            }
            double value = number.getAsDouble();
            if (value != Math.rint(value) || value < AtxTiming.MIN_MILLIS || value > timing.maxMillis()) {
                throw ApiException.badRequest("Field 'durationMs' must be a whole number " + AtxTiming.MIN_MILLIS + ".."
                        + timing.maxMillis() + ", was " + number.getAsString());
            }
            duration = (int) value;
        }
        for (String field : body.keySet()) {
            if (!field.equals("action") && !field.equals("durationMs")) {
                throw ApiException.badRequest("Unknown field " + quote(field) + "; the fields are action and durationMs");
            }
        }
        return new AtxAction(button, kind, duration, user);
    }

    private static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "'" + shown.replaceAll("[^\\x20-\\x7E]", "?") + "'";
    }
}
