package org.cubekvm.itests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What a refused or rolled-back change must leave exactly as it was: every bundle (id, name,
 * version, state), every configuration's properties, every service (registering bundle and
 * interfaces).
 */
record PlatformState(List<String> bundles, Map<String, String> configurations, List<String> services) {
    static PlatformState of(BundleContext context) throws Exception {
        List<String> bundles = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            bundles.add(bundle.getBundleId() + " " + bundle.getSymbolicName() + " " + bundle.getVersion() + " "
                    + Platform.stateName(bundle.getState()));
        }
        Map<String, String> configurations = new TreeMap<>();
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin admin = context.getService(reference);
        try {
            Configuration[] all = admin.listConfigurations(null);
            for (Configuration configuration : all == null ? new Configuration[0] : all) {
                configurations.put(configuration.getPid(), describe(configuration.getProperties()));
            }
        } finally {
            context.ungetService(reference);
        }
        List<String> services = new ArrayList<>();
        ServiceReference<?>[] references = context.getAllServiceReferences(null, null);
        for (ServiceReference<?> service : references == null ? new ServiceReference<?>[0] : references) {
            // The test probe's own services come and go with Pax Exam; they are not the platform's.
            String owner = service.getBundle() == null ? "-" : service.getBundle().getSymbolicName();
            if (owner.startsWith("PAXEXAM") || owner.startsWith("org.ops4j")) {
                continue;
            }
            services.add(owner + " " + String.join(",", (String[]) service.getProperty(Constants.OBJECTCLASS)));
        }
        Collections.sort(services);
        return new PlatformState(bundles, configurations, services);
    }

    private static String describe(Dictionary<String, Object> properties) {
        Map<String, String> sorted = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            Object value = properties.get(key);
            sorted.put(key, value instanceof Object[] array ? java.util.Arrays.toString(array) : String.valueOf(value));
        }
        return sorted.toString();
    }
}
