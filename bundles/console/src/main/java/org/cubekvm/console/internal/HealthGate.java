package org.cubekvm.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.cubekvm.api.platform.HealthStatus;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The last step of a bundle change: within a time limit, every enabled DS component of the
 * bundle must be satisfied (or active), and no platform health check that was OK before the
 * change may be worse.
 */
final class HealthGate {
    private static final long POLL_MILLIS = 50;
    /** Checks that move with load, not with a bundle change (heap use follows the garbage collector). */
    static final java.util.Set<String> VOLATILE = java.util.Set.of("memory");

    private final ServiceComponentRuntime scr;
    private final Supplier<Map<String, HealthStatus>> platformHealth;
    private final long limitMillis;

    HealthGate(ServiceComponentRuntime scr, Supplier<Map<String, HealthStatus>> platformHealth, long limitMillis) {
        this.scr = scr;
        this.platformHealth = platformHealth;
        this.limitMillis = limitMillis;
    }

    Map<String, HealthStatus> before() {
        return platformHealth.get();
    }

    void await(Bundle bundle, Map<String, HealthStatus> before) throws BundleException {
        long deadline = System.nanoTime() + limitMillis * 1_000_000;
        String problem;
        while (true) {
            problem = problem(bundle, before);
            if (problem == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BundleException("the health gate did not pass within " + limitMillis + " ms: " + problem);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BundleException("interrupted at the health gate");
            }
        }
    }

    /** @return null when healthy, else what is not */
    private String problem(Bundle bundle, Map<String, HealthStatus> before) {
        if (bundle.getState() != Bundle.ACTIVE) {
            return "the bundle is " + BundleStates.name(bundle.getState());
        }
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            var configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty()) {
                unsatisfied.add(description.name + " (no configuration)");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    unsatisfied.add(description.name + " (activation failed: " + configuration.failure + ")");
                } else if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    unsatisfied.add(description.name + " (unsatisfied" + (configuration.unsatisfiedReferences.length > 0
                            ? ": needs " + configuration.unsatisfiedReferences[0].name : "") + ")");
                }
            }
        }
        if (!unsatisfied.isEmpty()) {
            return "components not satisfied: " + String.join(", ", unsatisfied);
        }
        Map<String, HealthStatus> now = platformHealth.get();
        for (Map.Entry<String, HealthStatus> check : before.entrySet()) {
            if (VOLATILE.contains(check.getKey())) {
                continue;
            }
            HealthStatus after = now.get(check.getKey());
            if (check.getValue() == HealthStatus.OK && after != null && after != HealthStatus.OK) {
                return "health check " + check.getKey() + " went from OK to " + after;
            }
        }
        return null;
    }
}
