package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonErrorsTest {
    private static String parse(String json, Class<?> type) {
        try {
            new Gson().fromJson(json, type);
        } catch (JsonParseException | IllegalStateException e) {
            return JsonErrors.describe(e);
        }
        throw new AssertionError("expected a parse failure for " + json);
    }

    @Test
    void arrayWhereAnObjectIsExpectedKeepsTheTypeNamesButNotTheirPackages() {
        String message = parse("[1,2]", Map.class);
        assertEquals(true, message.contains("Expected") && message.contains("but was"), message);
        assertEquals(false, message.contains("com.google"), message);
        assertEquals(false, message.contains("Expected a but"), message);
    }

    @Test
    void syntaxErrorSaysWhere() {
        String message = parse("{bad", Map.class);
        assertEquals(true, message.contains("line 1"), message);
        assertEquals(false, message.contains("Exception"), message);
    }
}
