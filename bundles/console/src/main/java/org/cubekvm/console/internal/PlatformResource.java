package org.cubekvm.console.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

    /** @param guard fail closed: this resource exists only while access control does */
    @Activate
    public PlatformResource(BundleContext context, @Reference AccessGuard guard) {
        this.context = context;
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
            result.add(BundleStates.describe(bundle));
        }
        return result;
    }

    @GET
    @Path("bundles/{id}")
    public BundleInfo bundle(@PathParam("id") String id) {
        return BundleStates.describe(find(id));
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
        return BundleStates.describe(bundle);
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
        return BundleStates.describe(bundle);
    }

    /** Replaces a bundle by the uploaded jar; all or nothing (the previous version is restored on failure). */
    @PUT
    @Path("bundles/{id}")
    @Consumes({"application/java-archive", "application/octet-stream", "application/zip"})
    public BundleInfo update(@PathParam("id") String id, @QueryParam("force") boolean force, InputStream jar) {
        Bundle bundle = find(id);
        refuseFragment(bundle, "updated");
        String protection = StopProtection.reason(bundle, context.getBundle(), force);
        if (protection != null) {
            throw new ApiException(409, "protected_bundle", protection);
        }
        BundleUpdate.apply(context.getBundle(0), bundle, jar);
        LOG.info("updated bundle {} ({})", bundle.getSymbolicName(), bundle.getBundleId());
        return BundleStates.describe(bundle);
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
