package org.cubekvm.atx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.cubekvm.api.atx.AtxButton;
import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AtxRequestTest {
    private static AtxAction parse(String button, String json) {
        JsonObject body = json == null ? null : JsonParser.parseString(json).getAsJsonObject();
        return AtxResource.parse(button, body, AtxTiming.DEFAULT, "alice");
    }

    @Test
    void defaultsAndExplicitDurations() {
        assertEquals(new AtxAction(AtxButton.POWER, AtxAction.Kind.PRESS, 200, "alice"), parse("power", "{\"action\":\"press\"}"));
        assertEquals(new AtxAction(AtxButton.POWER, AtxAction.Kind.HOLD, 5000, "alice"), parse("power", "{\"action\":\"hold\"}"));
        assertEquals(new AtxAction(AtxButton.RESET, AtxAction.Kind.PRESS, 350, "alice"),
                parse("reset", "{\"action\":\"press\",\"durationMs\":350}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no body | power | | 400",
        "unknown button | eject | {\"action\":\"press\"} | 404",
        "no action | power | {} | 400",
        "action not a string | power | {\"action\":1} | 400",
        "unknown action | power | {\"action\":\"tap\"} | 400",
        "duration too short | power | {\"action\":\"press\",\"durationMs\":19} | 400",
        "duration too long | power | {\"action\":\"hold\",\"durationMs\":15001} | 400",
        "duration not whole | power | {\"action\":\"press\",\"durationMs\":200.5} | 400",
        "duration a string | power | {\"action\":\"press\",\"durationMs\":\"200\"} | 400",
        "unknown field | reset | {\"action\":\"press\",\"force\":true} | 400",
    })
    void malformedRequestsAreRefused(String name, String button, String json, int status) {
        ApiException e = assertThrows(ApiException.class, () -> parse(button, json));
        assertEquals(status, e.status());
        assertTrue(e.getMessage().length() > 10, name + " has a message");
    }

    @Test
    void timingConfigurationIsValidatedWithTheBadValueNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AtxTiming(5, 5000, 15000));
        assertTrue(e.getMessage().contains("pressMillis") && e.getMessage().contains("5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AtxTiming(200, 20000, 15000));
    }
}
