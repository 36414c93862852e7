package org.cubekvm.console.internal;

import org.cubekvm.api.rest.ApiError;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Array;
import org.cubekvm.api.rest.ApiException;
import org.osgi.service.metatype.AttributeDefinition;

/** Turns one JSON value into the typed value its attribute definition asks for, validated by the definition. */
final class ConfigValues {
    /** Most values in one list property. */
    static final int MAX_VALUES = 256;
    /** Longest string value. */
    static final int MAX_STRING = 4096;

    private ConfigValues() {
    }

    static Object convert(AttributeDefinition definition, JsonElement json) {
        String field = definition.getID();
        if (definition.getCardinality() == 0) {
            return single(definition, field, json);
        }
        JsonArray values;
        if (json.isJsonArray()) {
            values = json.getAsJsonArray();
        } else {
            values = new JsonArray();
            values.add(json);
        }
        int limit = Math.min(Math.abs(definition.getCardinality()), MAX_VALUES);
        if (values.size() > limit) {
            throw bad(field, "may have at most " + limit + " values, has " + values.size());
        }
        Object array = Array.newInstance(javaType(definition.getType()), values.size());
        for (int i = 0; i < values.size(); i++) {
            Array.set(array, i, single(definition, field + "[" + i + "]", values.get(i)));
        }
        return array;
    }

    private static Object single(AttributeDefinition definition, String field, JsonElement json) {
        if (!json.isJsonPrimitive()) {
            throw bad(field, "must be a single " + Metatypes.typeName(definition.getType()).toLowerCase(java.util.Locale.ROOT)
                    + " value");
        }
        JsonPrimitive primitive = json.getAsJsonPrimitive();
        String text = primitive.getAsString();
        if (text.length() > MAX_STRING) {
            throw bad(field, "is longer than " + MAX_STRING + " characters");
        }
        Object value;
        try {
            value = switch (definition.getType()) {
                case AttributeDefinition.BOOLEAN -> {
                    if (!primitive.isBoolean()) {
                        throw bad(field, "must be true or false, was " + ApiError.printable(text));
                    }
                    yield primitive.getAsBoolean();
                }
                case AttributeDefinition.INTEGER -> Integer.valueOf(integral(field, primitive));
                case AttributeDefinition.LONG -> Long.valueOf(integral(field, primitive));
                case AttributeDefinition.SHORT -> Short.valueOf(integral(field, primitive));
                case AttributeDefinition.BYTE -> Byte.valueOf(integral(field, primitive));
                case AttributeDefinition.DOUBLE -> Double.valueOf(number(field, primitive));
                case AttributeDefinition.FLOAT -> Float.valueOf(number(field, primitive));
                case AttributeDefinition.CHARACTER -> {
                    if (text.length() != 1) {
                        throw bad(field, "must be one character");
                    }
                    yield text.charAt(0);
                }
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw bad(field, "is out of range for " + Metatypes.typeName(definition.getType()).toLowerCase(java.util.Locale.ROOT)
                    + ": " + ApiError.printable(text));
        }
        String problem = definition.validate(String.valueOf(value));
        if (problem != null && !problem.isEmpty()) {
            // A validator's message may quote the value: never for a secret.
            throw definition.getType() == AttributeDefinition.PASSWORD ? bad(field, "is not accepted by its definition")
                    : bad(field, problem + " (was " + ApiError.printable(text) + ")");
        }
        return value;
    }

    private static String integral(String field, JsonPrimitive primitive) {
        String text = number(field, primitive);
        if (!text.matches("-?\\d{1,19}")) {
            throw bad(field, "must be a whole number, was " + ApiError.printable(text));
        }
        return text;
    }

    private static String number(String field, JsonPrimitive primitive) {
        if (!primitive.isNumber()) {
            throw bad(field, "must be a number, was " + ApiError.printable(primitive.getAsString()));
        }
        String text = primitive.getAsString();
        if (!text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            throw bad(field, "must be a number, was " + ApiError.printable(text));
        }
        return text;
    }

    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
    }

    static ApiException bad(String field, String message) {
        return new ApiException(400, "bad_value", field + ": " + message);
    }
}
