package org.cubekvm.console.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /api/platform/trust}: the certificates a bundle's signer must chain to (admin, like all of /api/platform). */
@Component(service = TrustResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("platform/trust")
@Produces(MediaType.APPLICATION_JSON)
public class TrustResource {
    private final BundleManager manager;

    /** @param guard fail closed: this resource exists only while access control does */
    @Activate
    public TrustResource(@Reference AccessGuard guard, @Reference BundleManager manager) {
        this.manager = manager;
    }

    @GET
    public List<TrustedCertificate> list() {
        return manager.trust().list();
    }

    @POST
    @Consumes({"application/x-pem-file", "application/x-x509-ca-cert", MediaType.TEXT_PLAIN})
    public Response add(@Context HttpServletRequest request, InputStream body) {
        Admins.require(request);
        byte[] pem = read(body);
        return Response.status(201).entity(manager.trust().add(Certificates.parsePem(pem))).build();
    }

    @DELETE
    @Path("{id}")
    public Response remove(@Context HttpServletRequest request, @PathParam("id") String id) {
        Admins.require(request);
        manager.trust().remove(id);
        return Response.noContent().build();
    }

    private static byte[] read(InputStream body) {
        if (body == null) {
            throw new ApiException(400, "bad_certificate", "The body must be one PEM certificate");
        }
        try {
            byte[] pem = body.readNBytes(Certificates.MAX_PEM_BYTES + 1);
            if (pem.length > Certificates.MAX_PEM_BYTES) {
                throw new ApiException(413, "too_large", "A certificate may have at most " + Certificates.MAX_PEM_BYTES + " bytes");
            }
            return pem;
        } catch (IOException e) {
            throw new ApiException(400, "bad_certificate", "The body could not be read");
        }
    }
}
