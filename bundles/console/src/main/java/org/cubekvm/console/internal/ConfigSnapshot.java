package org.cubekvm.console.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Every ConfigAdmin configuration's properties, taken before a change and put back by a rollback. */
final class ConfigSnapshot {
    private final Map<String, Map<String, Object>> properties;

    private ConfigSnapshot(Map<String, Map<String, Object>> properties) {
        this.properties = properties;
    }

    static ConfigSnapshot take(ConfigurationAdmin admin) throws IOException {
        return new ConfigSnapshot(read(admin));
    }

    /** Deletes configurations made since, and puts back the properties of those changed since. */
    void restore(ConfigurationAdmin admin) throws IOException {
        try {
            Configuration[] now = admin.listConfigurations(null);
            if (now == null) {
                now = new Configuration[0];
            }
            for (Configuration configuration : now) {
                Map<String, Object> before = properties.get(configuration.getPid());
                if (before == null) {
                    configuration.delete();
                } else if (!before.equals(copy(configuration.getProperties()))) {
                    configuration.update(new Hashtable<>(before));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a null filter is valid", e);
        }
    }

    Map<String, Map<String, Object>> asMap() {
        return properties;
    }

    private static Map<String, Map<String, Object>> read(ConfigurationAdmin admin) throws IOException {
        Map<String, Map<String, Object>> result = new HashMap<>();
        try {
            Configuration[] configurations = admin.listConfigurations(null);
            if (configurations != null) {
                for (Configuration configuration : configurations) {
                    result.put(configuration.getPid(), copy(configuration.getProperties()));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a null filter is valid", e);
        }
        return result;
    }

    private static Map<String, Object> copy(Dictionary<String, Object> dictionary) {
        Map<String, Object> result = new HashMap<>();
        if (dictionary == null) {
            return result;
        }
        for (Enumeration<String> keys = dictionary.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            result.put(key, Objects.requireNonNull(dictionary.get(key)));
        }
        return result;
    }
}
