package org.cubekvm.virtual.internal;

import com.google.gson.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.hid.KeyboardLayouts;
import org.cubekvm.api.hid.KeyboardLeds;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/virtual}: what the virtual machine has seen (state) and its settings. A settings
 * change is validated as a whole, stored in its configuration (so it survives restarts) and
 * applied at once; a refused change alters nothing.
 */
@Component(service = VirtualResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("virtual")
@Produces(MediaType.APPLICATION_JSON)
public class VirtualResource {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.virtual");

    private final VirtualScreen screen;
    private final VirtualHid hid;
    private final VirtualPower power;
    private final ConfigurationAdmin configurationAdmin;
    private final KeyboardLayouts layouts;
    /** Fail closed: this resource exists only while access control does. */
    @Reference
    private AccessGuard guard;
    /** The drive virtual media are mounted into ({@code state.media}). */
    @Reference
    VirtualDrive drive;

    @Activate
    public VirtualResource(@Reference VirtualScreen screen, @Reference VirtualHid hid, @Reference VirtualPower power,
            @Reference ConfigurationAdmin configurationAdmin, @Reference KeyboardLayouts layouts) {
        this.screen = screen;
        this.hid = hid;
        this.power = power;
        this.configurationAdmin = configurationAdmin;
        this.layouts = layouts;
    }

    @GET
    @Path("state")
    public VirtualState state() {
        ScreenContent content = screen.content();
        KeyboardLeds leds = hid.leds();
        return new VirtualState(content.typedText(),
                new VirtualState.Pointer(content.pointerX(), content.pointerY()),
                content.buttons(),
                new VirtualState.Leds(leds.numLock(), leds.capsLock(), leds.scrollLock()),
                hid.layoutId(), power.isOn(), drive.state(), hid.held());
    }

    @GET
    @Path("settings")
    public SettingsBody settings() {
        return SettingsBody.of(current());
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public synchronized SettingsBody update(JsonObject body) {
        MachineSettings updated;
        try {
            updated = current().merge(body, layouts);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            Configuration configuration = configurationAdmin.getConfiguration(MachineSettings.PID, "?");
            configuration.updateIfDifferent(updated.toProperties(configuration.getProperties()));
        } catch (IOException | IllegalStateException e) {
            throw new ApiException(500, "save_failed", "The virtual machine settings could not be saved: " + e.getMessage());
        }
        // Applied now rather than when ConfigurationAdmin delivers the update, so the answer is the truth.
        screen.apply(updated.resolution(), updated.animate());
        hid.layout(updated.layout());
        LOG.info("settings are now layout {}, resolution {}, animate {}", updated.layout(), updated.resolution(),
                updated.animate());
        return SettingsBody.of(updated);
    }

    private MachineSettings current() {
        return new MachineSettings(hid.layoutId(), screen.resolution(), screen.animate());
    }
}
