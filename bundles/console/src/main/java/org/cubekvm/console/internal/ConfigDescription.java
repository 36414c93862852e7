package org.cubekvm.console.internal;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/platform/config/{pid}}: the configuration's properties (secrets left out;
 * {@code secrets} says which are set) and its metatype, from which the console builds a form.
 */
record ConfigDescription(String pid, boolean exists, Map<String, Object> properties, Map<String, Boolean> secrets,
        Metatype metatype) {
    /** The object class definition. */
    record Metatype(String name, String description, List<Attribute> attributes) {
    }

    /**
     * One attribute definition.
     *
     * @param type {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Float}, {@code Boolean},
     *             {@code Password}, …
     * @param cardinality 0 for a single value, otherwise the most values of a list
     */
    record Attribute(String id, String name, String description, String type, int cardinality, boolean required,
            List<String> defaultValue, List<Option> options, String min, String max) {
    }

    /** A value an attribute may take, with its label. */
    record Option(String label, String value) {
    }
}
