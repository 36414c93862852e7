package org.cubekvm.console.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.platform.PlatformProperties;
import org.cubekvm.api.rest.ApiError;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/platform}: what runs, and starting/stopping bundles. */
@Component(service = PlatformResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("platform")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.console");

    private final BundleContext context;
    private final BundleManager manager;

    /** @param guard fail closed: this resource exists only while access control does */
    @Activate
    public PlatformResource(BundleContext context, @Reference AccessGuard guard, @Reference BundleManager manager) {
        this.context = context;
        this.manager = manager;
    }

    @GET
    @Path("info")
    public PlatformInfo info() {
        Runtime runtime = Runtime.getRuntime();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        String profile = context.getProperty(PlatformProperties.PROFILE_PROPERTY);
        String version = context.getProperty("cubekvm.version");
        return new PlatformInfo(version == null ? "dev" : version, profile == null ? "virtual" : profile, uptime,
                runtime.totalMemory() - runtime.freeMemory(), ProcessMemory.rssBytes());
    }

    @GET
    @Path("metrics")
    public PlatformMetrics metrics() {
        return JvmMetrics.read();
    }

    @GET
    @Path("bundles")
    public List<BundleInfo> bundles() {
        List<BundleInfo> result = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            result.add(describe(bundle));
        }
        return result;
    }

    @GET
    @Path("bundles/{id}")
    public BundleInfo bundle(@PathParam("id") String id) {
        return describe(find(id));
    }

    /** Installs a signed bundle: the body is the jar, or a multipart form whose first file part is. */
    @POST
    @Path("bundles")
    @Consumes({"application/java-archive", "application/octet-stream", "application/zip", MediaType.MULTIPART_FORM_DATA})
    public Response install(@Context HttpServletRequest request, @HeaderParam("Content-Type") String contentType,
            InputStream body) {
        Admins.require(request);
        java.nio.file.Path upload = Uploads.receive(body, contentType, manager.uploads());
        Bundle bundle = manager.install(upload);
        return Response.status(201).entity(describe(bundle)).build();
    }

    @DELETE
    @Path("bundles/{id}")
    public Response uninstall(@Context HttpServletRequest request, @PathParam("id") String id,
            @QueryParam("force") boolean force) {
        Admins.require(request);
        manager.uninstall(find(id), force);
        return Response.noContent().build();
    }

    @POST
    @Path("bundles/{id}/start")
    public BundleInfo start(@PathParam("id") String id) {
        Bundle bundle = find(id);
        refuseFragment(bundle, "started");
        try {
            bundle.start();
        } catch (BundleException | IllegalStateException e) {
            throw new ApiException(409, "start_failed", "Bundle " + bundle.getSymbolicName() + " could not be started: "
                    + BundleFailures.describe(e));
        }
        LOG.info("started bundle {} ({})", bundle.getSymbolicName(), bundle.getBundleId());
        return describe(bundle);
    }

    @POST
    @Path("bundles/{id}/stop")
    public BundleInfo stop(@PathParam("id") String id, @QueryParam("force") boolean force) {
        Bundle bundle = find(id);
        refuseFragment(bundle, "stopped");
        String protection = StopProtection.reason(bundle, context.getBundle(), force);
        if (protection != null) {
            throw new ApiException(409, "protected_bundle", protection);
        }
        try {
            bundle.stop();
        } catch (BundleException | IllegalStateException e) {
            throw new ApiException(409, "stop_failed", "Bundle " + bundle.getSymbolicName() + " could not be stopped: "
                    + BundleFailures.describe(e));
        }
        LOG.info("stopped bundle {} ({})", bundle.getSymbolicName(), bundle.getBundleId());
        return describe(bundle);
    }

    /**
     * Replaces a bundle by a signed jar of the same symbolic name, all or nothing. A built-in bundle
     * only by a jar signed with the build's key; a lower version only with {@code ?downgrade=true}.
     */
    @PUT
    @Path("bundles/{id}")
    @Consumes({"application/java-archive", "application/octet-stream", "application/zip", MediaType.MULTIPART_FORM_DATA})
    public BundleInfo update(@Context HttpServletRequest request, @PathParam("id") String id,
            @QueryParam("downgrade") boolean downgrade, @HeaderParam("Content-Type") String contentType, InputStream body) {
        Admins.require(request);
        Bundle bundle = find(id);
        refuseFragment(bundle, "updated");
        java.nio.file.Path upload = Uploads.receive(body, contentType, manager.uploads());
        return describe(manager.update(bundle, upload, downgrade));
    }

    private BundleInfo describe(Bundle bundle) {
        BundleInfo info = BundleStates.describe(bundle);
        return new BundleInfo(info.id(), info.symbolicName(), info.version(), info.state(), info.fragment(), info.vendor(),
                manager.signer(bundle), info.builtIn());
    }

    private Bundle find(String id) {
        long bundleId;
        try {
            bundleId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Bundle id must be a number, was '" + ApiError.printable(id) + "'");
        }
        Bundle bundle = context.getBundle(bundleId);
        if (bundle == null) {
            throw ApiException.notFound("There is no bundle with id " + bundleId);
        }
        return bundle;
    }

    private static void refuseFragment(Bundle bundle, String what) {
        if (BundleStates.isFragment(bundle)) {
            throw new ApiException(409, "fragment", "Bundle " + bundle.getSymbolicName()
                    + " is a fragment; fragments are attached to their host and cannot be " + what);
        }
    }
}
