package org.cubekvm.usbgadget.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/usb}: what the gadget offers, and changing it (admin). A change is stored in the
 * gadget's configuration, which rebuilds the gadget: the target sees the device re-enumerate.
 */
@Component(service = UsbResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("usb")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsbResource {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.usbgadget");
    private static final Set<String> BOOLEANS = Set.of("keyboard", "mouse", "absoluteMouse", "massStorage", "hidOnly",
            "bootProtocol", "remoteWakeup");
    private static final Set<String> STRINGS = Set.of("network", "vendorId", "productId", "serial", "manufacturer",
            "product");

    @Reference
    private UsbGadget gadget;
    @Reference
    private ConfigurationAdmin configurationAdmin;
    /** Fail closed: this resource exists only while access control does. */
    @Reference
    private AccessGuard guard;

    record Flags(boolean rndis, boolean ncm, boolean hidOnly, boolean bios) {
    }

    record UsbView(boolean keyboard, boolean mouse, boolean absoluteMouse, boolean massStorage, String network,
            boolean hidOnly, boolean bootProtocol, boolean remoteWakeup, String vendorId, String productId, String serial,
            String manufacturer, String product, String udc, Flags flags, String note) {
        static UsbView of(UsbGadget gadget) {
            GadgetSettings e = gadget.effective();
            BootFlags f = gadget.flags();
            return new UsbView(e.keyboard(), e.mouse(), e.absoluteMouse(), e.withMassStorage(), e.effectiveNetwork(),
                    e.hidOnly(), e.bootProtocol(), e.remoteWakeup(), String.format("0x%04x", e.vendorId()),
                    String.format("0x%04x", e.productId()), e.serial(), e.manufacturer(), e.product(), gadget.udc(),
                    new Flags(f.rndis(), f.ncm(), f.hidOnly(), f.bios()),
                    "Values are what the target sees; a flag file under /boot turns its feature on whatever the settings say. "
                            + "Any change re-enumerates the USB device.");
        }
    }

    @GET
    public UsbView get() {
        return UsbView.of(gadget);
    }

    @PUT
    public Response put(@Context HttpServletRequest request, JsonObject body) {
        requireAdmin(request);
        if (body == null) {
            throw ApiException.badRequest("The body must be a JSON object of settings to change");
        }
        Map<String, Object> changes = new HashMap<>();
        for (String key : body.keySet()) {
            JsonElement value = body.get(key);
            if (BOOLEANS.contains(key) && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
                changes.put(key, value.getAsBoolean());
            } else if (STRINGS.contains(key) && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
                changes.put(key, value.getAsString());
            } else {
                throw ApiException.badRequest("'" + key + "' is not a USB setting of the right type (booleans: "
                        + String.join(", ", BOOLEANS) + "; strings: " + String.join(", ", STRINGS) + ")");
            }
        }
        try {
            GadgetConfigStore.of(configurationAdmin).change(changes);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw new ApiException(500, "save_failed", "The USB settings could not be saved: " + e.getMessage());
        }
        LOG.info("usbgadget: settings changed ({}); the gadget is rebuilt", body.keySet());
        return Response.accepted(UsbView.of(gadget)).build();
    }

    @POST
    @Path("reconnect")
    public Response reconnect(@Context HttpServletRequest request) {
        requireAdmin(request);
        try {
            gadget.reconnect();
        } catch (IOException e) {
            throw new ApiException(409, "reconnect_failed", "The USB device could not be reconnected: " + e.getMessage());
        }
        return Response.noContent().build();
    }

    private static void requireAdmin(HttpServletRequest request) {
        Object user = request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE);
        if (!(user instanceof AuthenticatedUser caller)) {
            throw new ApiException(401, "unauthorized", "Log in first");
        }
        if (!caller.role().includes(Role.ADMIN)) {
            throw new ApiException(403, "forbidden", "Changing the USB device needs the admin role");
        }
    }
}
