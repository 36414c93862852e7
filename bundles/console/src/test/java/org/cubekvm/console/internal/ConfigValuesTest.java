package org.cubekvm.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class ConfigValuesTest {
    /** An attribute definition as a metatype XML would give it, validating a min/max range like Felix does. */
    record Definition(String id, int type, int cardinality, Integer min, Integer max) implements AttributeDefinition {
        @Override public String getName() { return id; }
        @Override public String getID() { return id; }
        @Override public String getDescription() { return null; }
        @Override public int getCardinality() { return cardinality; }
        @Override public int getType() { return type; }
        @Override public String[] getOptionValues() { return null; }
        @Override public String[] getOptionLabels() { return null; }
        @Override public String[] getDefaultValue() { return null; }

        @Override
        public String validate(String value) {
            if (min == null) {
                return "";
            }
            long number = Long.parseLong(value);
            return number < min ? "Value " + value + " < " + min : number > max ? "Value " + value + " > " + max : "";
        }
    }

    private static final Definition INTERVAL = new Definition("intervalSeconds", AttributeDefinition.INTEGER, 0, 5, 3600);

    @Test
    void convertsToTheAttributesType() {
        assertEquals(30, ConfigValues.convert(INTERVAL, JsonParser.parseString("30")));
        assertEquals(true, ConfigValues.convert(new Definition("on", AttributeDefinition.BOOLEAN, 0, null, null), JsonParser.parseString("true")));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) ConfigValues.convert(
                new Definition("names", AttributeDefinition.STRING, 5, null, null), JsonParser.parseString("[\"a\",\"b\"]")));
    }

    @Test
    void refusalsStartWithTheFieldName() {
        for (String bad : new String[] {"99999", "1", "\"soon\"", "1.5", "true", "{}", "12345678901234567890"}) {
            ApiException e = assertThrows(ApiException.class, () -> ConfigValues.convert(INTERVAL, JsonParser.parseString(bad)), bad);
            assertEquals(400, e.status());
            assertTrue(e.getMessage().startsWith("intervalSeconds: "), e.getMessage());
        }
        ApiException tooMany = assertThrows(ApiException.class, () -> ConfigValues.convert(
                new Definition("names", AttributeDefinition.STRING, 1, null, null), JsonParser.parseString("[\"a\",\"b\"]")));
        assertTrue(tooMany.getMessage().startsWith("names: "), tooMany.getMessage());
    }

    @Test
    void secretsAreNeverShownOnlyWhetherTheyAreSet() {
        Map<String, Object> properties = new HashMap<>(Map.of("token", "s3cret", "empty", "", "interval", 30));
        Map<String, Boolean> secrets = new TreeMap<>();
        ConfigResource.hideSecrets(new AttributeDefinition[] {
            new Definition("token", AttributeDefinition.PASSWORD, 0, null, null),
            new Definition("empty", AttributeDefinition.PASSWORD, 0, null, null),
            new Definition("unset", AttributeDefinition.PASSWORD, 0, null, null),
            new Definition("interval", AttributeDefinition.INTEGER, 0, null, null)}, properties, secrets);
        assertEquals(Map.of("interval", 30), properties);
        assertEquals(Map.of("token", true, "empty", false, "unset", false), secrets);
        assertFalse(properties.toString().contains("s3cret"));
    }

    @Test
    void aRefusedPasswordIsNotEchoed() {
        Definition pin = new Definition("pin", AttributeDefinition.PASSWORD, 0, 1000, 9999);
        assertEquals("1234", ConfigValues.convert(pin, JsonParser.parseString("\"1234\"")));
        ApiException e = assertThrows(ApiException.class, () -> ConfigValues.convert(pin, JsonParser.parseString("\"12\"")));
        assertTrue(e.getMessage().startsWith("pin: "), e.getMessage());
        assertFalse(e.getMessage().contains("12"), e.getMessage());
    }
}
