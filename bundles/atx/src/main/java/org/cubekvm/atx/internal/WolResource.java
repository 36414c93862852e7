package org.cubekvm.atx.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
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

/** {@code /api/wol}: send a magic packet (operator), and the saved targets. */
@Component(service = WolResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("wol")
@Produces(MediaType.APPLICATION_JSON)
public class WolResource {
    @Reference
    private WakeOnLan wakeOnLan;
    @Reference
    private WolTargets targets;
    /** Fail closed: this resource exists only while access control does. */
    @Reference
    private AccessGuard guard;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public WakeOnLan.Sent wake(JsonObject body, @Context HttpServletRequest request) {
        AuthenticatedUser user = AtxResource.operator(request);
        if (body == null) {
            throw ApiException.badRequest("A JSON body {\"mac\",\"broadcast\"?,\"port\"?} is required");
        }
        MacAddress mac;
        String broadcast;
        Integer port = null;
        try {
            for (String field : body.keySet()) {
                if (!List.of("mac", "broadcast", "port").contains(field)) {
                    throw new IllegalArgumentException("Unknown field '" + (field.length() > 40 ? field.substring(0, 40) : field)
                            + "'; the fields are mac, broadcast and port");
                }
            }
            mac = MacAddress.parse(string(body, "mac"), "mac");
            broadcast = string(body, "broadcast");
            if (broadcast != null) {
                WakeOnLan.address(broadcast, "broadcast");
            }
            JsonElement portField = body.get("port");
            if (portField != null && !portField.isJsonNull()) {
                if (!(portField instanceof JsonPrimitive p) || !p.isNumber() || p.getAsDouble() != Math.rint(p.getAsDouble())
                        || p.getAsDouble() < 1 || p.getAsDouble() > 65535) {
                    throw new IllegalArgumentException("Field 'port' must be a whole number 1..65535");
                }
                port = (int) p.getAsDouble();
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            return wakeOnLan.send(mac, broadcast, port, user.username());
        } catch (IOException e) {
            throw new ApiException(502, "send_failed", "The magic packet could not be sent: " + e.getMessage());
        }
    }

    @GET
    @Path("targets")
    public List<WolTargets.Target> targets() {
        return targets.list();
    }

    @PUT
    @Path("targets")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<WolTargets.Target> saveTargets(JsonElement body, @Context HttpServletRequest request) {
        AtxResource.operator(request);
        try {
            return targets.replace(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw new ApiException(500, "save_failed", "The targets could not be saved: " + e.getMessage());
        }
    }

    private static String string(JsonObject body, String field) {
        JsonElement value = body.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!(value instanceof JsonPrimitive primitive) || !primitive.isString()) {
            throw new IllegalArgumentException("Field '" + field + "' must be a string");
        }
        return primitive.getAsString();
    }
}
