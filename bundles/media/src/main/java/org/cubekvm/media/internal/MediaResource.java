package org.cubekvm.media.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.media.ImageInfo;
import org.cubekvm.api.media.MediaException;
import org.cubekvm.api.media.Medium;
import org.cubekvm.api.media.MediumMode;
import org.cubekvm.api.media.Transfer;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/media}: the image list with transfers in progress, streaming uploads, downloads
 * from a URL, delete, mount and unmount. Changes need an operator (checked here as well as by the
 * access guard); anyone logged in may look.
 */
@Component(service = MediaResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("media")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MediaResource {
    @Reference
    private MediaService media;
    /** Fail closed: this resource exists only while access control does. */
    @Reference
    private AccessGuard guard;

    record MountedView(String name, String mode, boolean readOnly) {
        static MountedView of(Medium medium) {
            return medium == null ? null : new MountedView(medium.name(), medium.mode().id(), medium.readOnly());
        }
    }

    record MediaView(List<ImageInfo> images, MountedView mounted, List<Transfer> transfers) {
    }

    record MountRequest(String name, String mode, Boolean readOnly) {
    }

    record DownloadRequest(String url, String name, String sha256) {
    }

    @GET
    public MediaView list() {
        return new MediaView(media.images(), MountedView.of(media.mounted()), media.transfers());
    }

    @GET
    @Path("transfers/{id}")
    public Transfer transfer(@PathParam("id") String id) {
        Transfer transfer = id == null || id.length() > 64 ? null : media.transfer(id);
        if (transfer == null) {
            throw ApiException.notFound("There is no transfer with that id (ended transfers are forgotten after a while)");
        }
        return transfer;
    }

    @PUT
    @Path("images/{name}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response upload(@Context HttpServletRequest request, @PathParam("name") String name,
            @HeaderParam("X-Content-SHA256") String sha256, InputStream body) {
        requireOperator(request);
        long length = request.getContentLengthLong();
        try {
            ImageInfo stored = media.receive(name, body, length, sha256);
            return Response.status(201).entity(stored).build();
        } catch (MediaException e) {
            throw rest(e);
        }
    }

    @POST
    @Path("downloads")
    public Response download(@Context HttpServletRequest request, DownloadRequest body) {
        requireOperator(request);
        if (body == null) {
            throw ApiException.badRequest("The body must be {\"url\",\"name\",\"sha256\"?}");
        }
        try {
            URI url = UrlDownloader.requireUrl(body.url());
            Transfer transfer = media.download(body.name(), url, body.sha256());
            return Response.status(202).location(URI.create("/api/media/transfers/" + transfer.id())).entity(transfer)
                    .build();
        } catch (MediaException e) {
            throw rest(e);
        }
    }

    @DELETE
    @Path("images/{name}")
    public Response delete(@Context HttpServletRequest request, @PathParam("name") String name) {
        requireOperator(request);
        try {
            media.delete(name);
        } catch (MediaException e) {
            throw rest(e);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("mount")
    public MountedView mount(@Context HttpServletRequest request, MountRequest body) {
        requireOperator(request);
        if (body == null || body.name() == null) {
            throw ApiException.badRequest("The body must be {\"name\",\"mode\":\"cdrom\"|\"disk\",\"readOnly\"}");
        }
        MediumMode mode = MediumMode.fromId(body.mode() == null ? "cdrom" : body.mode());
        if (mode == null) {
            throw ApiException.badRequest("mode must be cdrom or disk");
        }
        try {
            return MountedView.of(media.mount(body.name(), mode, body.readOnly() == null || body.readOnly()));
        } catch (MediaException e) {
            throw rest(e);
        }
    }

    @POST
    @Path("unmount")
    public Response unmount(@Context HttpServletRequest request) {
        requireOperator(request);
        try {
            media.unmount();
        } catch (MediaException e) {
            throw rest(e);
        }
        return Response.noContent().build();
    }

    private static void requireOperator(HttpServletRequest request) {
        Object user = request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE);
        if (!(user instanceof AuthenticatedUser caller)) {
            throw new ApiException(401, "unauthorized", "Log in first");
        }
        if (!caller.role().includes(Role.OPERATOR)) {
            throw new ApiException(403, "forbidden", "Changing virtual media needs the operator or admin role");
        }
    }

    private static ApiException rest(MediaException e) {
        return new ApiException(e.status(), e.code(), e.getMessage());
    }
}
