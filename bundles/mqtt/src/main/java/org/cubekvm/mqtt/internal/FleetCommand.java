package org.cubekvm.mqtt.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A fleet command: {@code {"id":"…","action":"install","url":"https://…/bundle.jar"}}; the optional
 * {@code id} (at most 64 characters) comes back in the result. The URL must be http
 * or https with a host; the jar it serves must be signed by a key the device trusts (checked by the
 * console, not here).
 */
record FleetCommand(String id, String action, URI url) {
    static final int MAX_URL_CHARS = 2048;

    static FleetCommand parse(String payload) {
        JsonElement element;
        try {
            element = JsonParser.parseString(payload);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the command is not JSON");
        }
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException("the command must be a JSON object");
        }
        JsonObject object = element.getAsJsonObject();
        String id = string(object, "id");
        if (id != null && id.length() > 64) {
            throw new IllegalArgumentException("id must be at most 64 characters");
        }
        String action = string(object, "action");
        if (!"install".equals(action)) {
            throw new IllegalArgumentException("unknown action '" + MqttBridge.abbreviate(String.valueOf(action))
                    + "'; expected install");
        }
        String url = string(object, "url");
        if (url == null || url.isEmpty() || url.length() > MAX_URL_CHARS) {
            throw new IllegalArgumentException("url must be 1.." + MAX_URL_CHARS + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: " + MqttBridge.abbreviate(url));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("url must be http:// or https:// with a host");
        }
        return new FleetCommand(id, action, uri);
    }

    /** The id of a command that may not parse, for the result; null when there is none. */
    static String idOf(String payload) {
        try {
            JsonElement element = JsonParser.parseString(payload);
            String id = element.isJsonObject() ? string(element.getAsJsonObject(), "id") : null;
            return id != null && id.length() <= 64 ? id : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static String string(JsonObject object, String name) {
        JsonElement value = object.get(name);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : null;
    }
}
