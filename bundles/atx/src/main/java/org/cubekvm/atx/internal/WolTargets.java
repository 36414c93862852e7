package org.cubekvm.atx.internal;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved Wake-on-LAN targets, kept in {@value #FILE} in the data directory (written to a
 * temporary file and moved into place, so a crash never leaves half a list).
 */
@Component(service = WolTargets.class)
public class WolTargets {
    static final String FILE = "wol-targets.json";
    static final int MAX_TARGETS = 32;
    static final int MAX_NAME = 64;
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.atx");

    /** One saved target; {@code broadcast} and {@code port} null for the defaults. */
    record Target(String name, String mac, String broadcast, Integer port) {
    }

    private final Path file;
    private final Gson gson = new Gson();
    private List<Target> targets = List.of();

    @Activate
    public WolTargets(BundleContext context) {
        String data = context.getProperty(RestConstants.DATA_DIR_PROPERTY);
        this.file = data == null ? null : Path.of(data, FILE);
        load();
    }

    WolTargets(Path file) {
        this.file = file;
        load();
    }

    synchronized List<Target> list() {
        return targets;
    }

    /** Replaces the list after validating all of it; a bad element changes nothing. */
    synchronized List<Target> replace(JsonElement body) throws IOException {
        List<Target> parsed = parse(body);
        if (file != null) {
            Path temporary = file.resolveSibling(FILE + ".tmp");
            Files.writeString(temporary, gson.toJson(parsed), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        targets = parsed;
        return targets;
    }

    static List<Target> parse(JsonElement body) {
        if (!(body instanceof JsonArray array)) {
            throw new IllegalArgumentException("The body must be a JSON array of {\"name\",\"mac\",\"broadcast\"?,\"port\"?}");
        }
        if (array.size() > MAX_TARGETS) {
            throw new IllegalArgumentException("At most " + MAX_TARGETS + " targets can be saved, got " + array.size());
        }
        List<Target> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "targets[" + i + "]";
            if (!(array.get(i) instanceof JsonObject object)) {
                throw new IllegalArgumentException(at + " must be an object");
            }
            String name = string(object, "name", at);
            if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(at + ".name must be 1.." + MAX_NAME + " printable characters");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(at + ".name '" + name + "' is used twice");
            }
            MacAddress mac = MacAddress.parse(string(object, "mac", at), at + ".mac");
            String broadcast = string(object, "broadcast", at);
            if (broadcast != null) {
                WakeOnLan.address(broadcast, at + ".broadcast");
            }
            Integer port = null;
            JsonElement portField = object.get("port");
            if (portField != null && !portField.isJsonNull()) {
                if (!(portField instanceof JsonPrimitive p) || !p.isNumber() || p.getAsDouble() != Math.rint(p.getAsDouble())) {
                    throw new IllegalArgumentException(at + ".port must be a whole number");
                }
                port = WakeOnLan.port((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, p.getAsDouble())), at + ".port");
            }
            result.add(new Target(name, mac.text(), broadcast, port));
        }
        return List.copyOf(result);
    }

    private static String string(JsonObject object, String field, String at) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!(value instanceof JsonPrimitive primitive) || !primitive.isString()) {
            throw new IllegalArgumentException(at + "." + field + " must be a string");
        }
        return primitive.getAsString();
    }

    private void load() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            targets = parse(JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("wol: the saved targets in {} could not be read ({}); starting with none", file, e.toString());
        }
    }
}
