package org.cubekvm.console.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.platform.HealthContributor;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/platform/health}: every {@link HealthContributor}'s reports. */
@Component(service = HealthResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("platform/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.console");

    private final List<HealthContributor> contributors = new CopyOnWriteArrayList<>();
    /** Fail closed: this resource exists only while access control does. */
    @Reference
    private AccessGuard guard;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContributor(HealthContributor contributor) {
        contributors.add(contributor);
    }

    void removeContributor(HealthContributor contributor) {
        contributors.remove(contributor);
    }

    @GET
    public List<Health> health() {
        List<Health> result = new ArrayList<>();
        result.add(Health.ok("platform", "The platform is running"));
        for (HealthContributor contributor : contributors) {
            try {
                result.addAll(contributor.health());
            } catch (RuntimeException e) {
                LOG.warn("a health contributor failed", e);
                result.add(new Health(contributor.getClass().getSimpleName(), org.cubekvm.api.platform.HealthStatus.WARN,
                        "This health check failed to report"));
            }
        }
        return result;
    }
}
