package org.cubekvm.virtual.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.cubekvm.api.hid.KeyboardLayouts;
import org.cubekvm.api.rest.ApiError;

/**
 * The validated settings of the virtual machine. Configuration and REST input are checked
 * here, so both reject the same values with the same message naming the field.
 */
record MachineSettings(String layout, Resolution resolution, boolean animate) {
    static final String PID = "org.cubekvm.virtual";
    static final String LAYOUT = "layout";
    static final String RESOLUTION = "resolution";
    static final String ANIMATE = "animate";

    /** The configured resolution; a bad value fails activation with a message naming it. */
    static Resolution configuredResolution(VirtualSettings settings) {
        try {
            return Resolution.parse(settings.resolution());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("virtual: configuration " + PID + ": " + e.getMessage(), e);
        }
    }

    /** The configured layout; a bad value fails activation with a message naming it. */
    static String configuredLayout(KeyboardLayouts layouts, VirtualSettings settings) {
        try {
            return checkLayout(layouts, settings.layout());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("virtual: configuration " + PID + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the bad value */
    static String checkLayout(KeyboardLayouts layouts, String id) {
        if (layouts.layout(id) == null) {
            throw new IllegalArgumentException("layout must be one of " + String.join(", ", layouts.ids()) + ", was '"
                    + ApiError.printable(id) + "'");
        }
        return id;
    }

    /** Applies a PUT body (fields left out keep their value); unknown fields and wrong types are refused. */
    MachineSettings merge(JsonObject body, KeyboardLayouts layouts) {
        String newLayout = layout;
        Resolution newResolution = resolution;
        boolean newAnimate = animate;
        for (Map.Entry<String, JsonElement> field : body.entrySet()) {
            JsonElement value = field.getValue();
            switch (field.getKey()) {
                case LAYOUT -> newLayout = checkLayout(layouts, string(LAYOUT, value));
                case RESOLUTION -> newResolution = Resolution.parse(string(RESOLUTION, value));
                case ANIMATE -> {
                    if (!(value instanceof JsonPrimitive primitive) || !primitive.isBoolean()) {
                        throw new IllegalArgumentException("animate must be true or false, was " + ApiError.printable(value));
                    }
                    newAnimate = primitive.getAsBoolean();
                }
                default -> throw new IllegalArgumentException("'" + ApiError.printable(field.getKey())
                        + "' is not a setting of the virtual machine; the settings are layout, resolution and animate");
            }
        }
        return new MachineSettings(newLayout, newResolution, newAnimate);
    }

    /** The configuration properties these settings are stored as. */
    Dictionary<String, Object> toProperties(Dictionary<String, Object> existing) {
        Dictionary<String, Object> properties = existing == null ? new Hashtable<>() : existing;
        properties.put(LAYOUT, layout);
        properties.put(RESOLUTION, resolution.toString());
        properties.put(ANIMATE, animate);
        return properties;
    }

    private static String string(String field, JsonElement value) {
        if (!(value instanceof JsonPrimitive primitive) || !primitive.isString()) {
            throw new IllegalArgumentException(field + " must be a string, was " + ApiError.printable(value));
        }
        return primitive.getAsString();
    }
}
