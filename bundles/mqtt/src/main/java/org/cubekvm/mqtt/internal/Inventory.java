package org.cubekvm.mqtt.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.platform.HealthContributor;
import org.cubekvm.api.platform.HealthStatus;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The fleet inventory message: platform version, every bundle with version and state, overall health. */
final class Inventory {
    private Inventory() {
    }

    static String json(BundleContext context, String deviceId, List<HealthContributor> contributors) {
        JsonObject out = new JsonObject();
        out.addProperty("device", deviceId);
        String version = context.getProperty("cubekvm.version");
        out.addProperty("version", version == null ? "dev" : version);
        JsonArray bundles = new JsonArray();
        for (Bundle bundle : context.getBundles()) {
            JsonObject entry = new JsonObject();
            entry.addProperty("id", bundle.getBundleId());
            entry.addProperty("name", bundle.getSymbolicName());
            entry.addProperty("version", bundle.getVersion().toString());
            entry.addProperty("state", state(bundle.getState()));
            bundles.add(entry);
        }
        out.add("bundles", bundles);
        HealthStatus worst = HealthStatus.OK;
        JsonArray problems = new JsonArray();
        for (HealthContributor contributor : contributors) {
            try {
                for (Health health : contributor.health()) {
                    if (health.status().compareTo(worst) > 0) {
                        worst = health.status();
                    }
                    if (health.status() != HealthStatus.OK) {
                        problems.add(health.name() + ": " + health.message());
                    }
                }
            } catch (RuntimeException e) {
                worst = HealthStatus.WARN;
                problems.add(contributor.getClass().getName() + " failed to report: " + e);
            }
        }
        out.addProperty("health", worst.name());
        out.add("problems", problems);
        return out.toString();
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
