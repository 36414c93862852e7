package org.cubekvm.capture.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Map;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.cubekvm.api.video.VideoStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /api/video/settings} and {@code /api/video/status}. */
@Component(service = VideoResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("video")
@Produces(MediaType.APPLICATION_JSON)
public class VideoResource {
    @Reference
    private VideoCaptureService capture;
    /** Fail closed: this resource exists only while access control does. */
    @Reference
    private AccessGuard guard;

    @GET
    @Path("settings")
    public Map<String, Object> settings() {
        return capture.settings().toMap();
    }

    @PUT
    @Path("settings")
    public Map<String, Object> update(Map<String, Object> input) {
        try {
            return capture.update(input).toMap();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid video settings: " + e.getMessage());
        } catch (IOException e) {
            throw new ApiException(500, "storage_failed", "The settings could not be stored: " + e.getMessage());
        }
    }

    @GET
    @Path("status")
    public VideoStatus status() {
        return capture.status();
    }
}
