package org.cubekvm.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link ProfileConfiguration} through the framework's ConfigurationAdmin service.
 * The launcher lives outside the framework and does not share the ConfigAdmin API classes
 * with it, so the three calls it needs are made reflectively.
 */
final class ConfigAdminClient {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.launcher");
    private static final String CONFIG_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    private ConfigAdminClient() {
    }

    static void apply(BundleContext context, Map<String, Map<String, String>> configurations, long timeoutMillis)
            throws Exception {
        if (configurations.isEmpty()) {
            return;
        }
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, CONFIG_ADMIN, null);
        tracker.open(true);
        try {
            Object admin = tracker.waitForService(timeoutMillis);
            if (admin == null) {
                throw new IllegalStateException("ConfigurationAdmin did not start within " + timeoutMillis + " ms");
            }
            for (Map.Entry<String, Map<String, String>> entry : configurations.entrySet()) {
                applyOne(admin, entry.getKey(), entry.getValue());
            }
        } finally {
            tracker.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static void applyOne(Object admin, String name, Map<String, String> defaults) throws Exception {
        Object configuration;
        int separator = name.indexOf(ProfileConfiguration.FACTORY_SEPARATOR);
        if (separator > 0) {
            Method factory = admin.getClass().getMethod("getFactoryConfiguration", String.class, String.class, String.class);
            configuration = invoke(factory, admin, name.substring(0, separator), name.substring(separator + 1), "?");
        } else {
            Method get = admin.getClass().getMethod("getConfiguration", String.class, String.class);
            configuration = invoke(get, admin, name, "?");
        }
        Method getProperties = publicMethod(configuration, "getProperties");
        Dictionary<String, Object> existing = (Dictionary<String, Object>) invoke(getProperties, configuration);
        Dictionary<String, Object> merged = ProfileConfiguration.merge(existing, defaults);
        if (merged != null) {
            invoke(publicMethod(configuration, "update", Dictionary.class), configuration, merged);
            LOG.debug("configuration {} set from the profile", name);
        }
    }

    /** The method as declared by a public interface, so reflection works on a non-public implementation class. */
    private static Method publicMethod(Object target, String name, Class<?>... types) throws NoSuchMethodException {
        for (Class<?> type : target.getClass().getInterfaces()) {
            try {
                return type.getMethod(name, types);
            } catch (NoSuchMethodException e) {
                // try the next interface
            }
        }
        return target.getClass().getMethod(name, types);
    }

    private static Object invoke(Method method, Object target, Object... args) throws Exception {
        try {
            method.setAccessible(true);
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

}
