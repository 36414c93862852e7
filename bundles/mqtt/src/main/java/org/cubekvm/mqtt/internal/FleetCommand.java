package org.cubekvm.mqtt.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A fleet command, the payload of a {@link SignedCommand}:
 * {@code {"id":"…","action":"install","url":"https://…/bundle.jar","device":"kvm-1"|"*","expires":"2026-…Z"}};
 * the optional {@code id} (at most 64 characters) comes back in the result; {@code device} names the
 * device it is for ({@code *}: every device that receives it); the optional {@code expires} (an
 * ISO-8601 instant) ends its validity, so an old command replayed later is refused. The URL must
 * be http or https with a host; the jar it serves must be signed by a key the device trusts too
 * (checked by the console).
 */
record FleetCommand(String id, String action, URI url, String device, java.time.Instant expires) {
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
        String device = string(object, "device");
        if (device == null || device.isEmpty() || device.length() > 64) {
            throw new IllegalArgumentException("device must name the device the command is for (1..64 characters, or *)");
        }
        String expiresText = string(object, "expires");
        java.time.Instant expires = null;
        if (expiresText != null) {
            try {
                expires = java.time.Instant.parse(expiresText);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("expires must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
            }
        } else if (object.has("expires")) {
            throw new IllegalArgumentException("expires must be an ISO-8601 instant string");
        }
        return new FleetCommand(id, action, uri, device, expires);
    }

    /** Whether this command is for {@code deviceId} and still valid {@code now}. */
    void checkFor(String deviceId, java.time.Instant now) {
        if (!device.equals("*") && !device.equals(deviceId)) {
            throw new IllegalArgumentException("the command is for device '" + MqttBridge.abbreviate(device) + "', not this one");
        }
        if (expires != null && !now.isBefore(expires)) {
            throw new IllegalArgumentException("the command expired at " + expires);
        }
    }

    /** The id of a command (signed or not) that may not parse, for the result; null when there is none. */
    static String idOf(String command) {
        String payload = SignedCommand.isCompactJws(command) ? SignedCommand.unverifiedPayload(command) : command;
        if (payload == null) {
            return null;
        }
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
