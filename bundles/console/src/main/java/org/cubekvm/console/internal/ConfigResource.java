package org.cubekvm.console.internal;

import org.cubekvm.api.rest.ApiError;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET/PUT /api/platform/config/{pid}} (admin): typed configuration described and validated
 * by its metatype, then by the components themselves (a component whose activation fails on the
 * new values puts the previous configuration back). Secrets (password attributes) are write-only.
 */
@Component(service = ConfigResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("platform/config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {
    /** Largest PUT body. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.console");

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final MetaTypeService metaTypes;
    private final ServiceComponentRuntime scr;

    /** @param guard fail closed: this resource exists only while access control does */
    @Activate
    public ConfigResource(BundleContext context, @Reference AccessGuard guard, @Reference ConfigurationAdmin configAdmin,
            @Reference MetaTypeService metaTypes, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.metaTypes = metaTypes;
        this.scr = scr;
    }

    @GET
    @Path("{pid}")
    public ConfigDescription get(@Context HttpServletRequest request, @PathParam("pid") String pid) throws IOException {
        Admins.require(request);
        return describe(pid);
    }

    private ConfigDescription describe(String pid) throws IOException {
        checkPid(pid);
        ObjectClassDefinition ocd = Metatypes.find(context, metaTypes, pid);
        Configuration configuration = existing(pid);
        if (ocd == null && configuration == null) {
            throw ApiException.notFound("There is no configuration and no metatype for PID " + pid);
        }
        Map<String, Object> properties = new TreeMap<>();
        Map<String, Boolean> secrets = new TreeMap<>();
        Dictionary<String, Object> current = configuration == null ? null : configuration.getProperties();
        if (current != null) {
            for (Enumeration<String> keys = current.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (!key.startsWith("service.") && !key.startsWith("felix.") && !key.startsWith("component.")) {
                    properties.put(key, current.get(key));
                }
            }
        }
        if (ocd != null) {
            hideSecrets(Metatypes.attributes(ocd), properties, secrets);
        }
        return new ConfigDescription(pid, configuration != null, properties, secrets,
                ocd == null ? null : Metatypes.describe(ocd));
    }

    @PUT
    @Path("{pid}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ConfigDescription put(@Context HttpServletRequest request, @PathParam("pid") String pid, InputStream body)
            throws IOException {
        Admins.require(request);
        checkPid(pid);
        ObjectClassDefinition ocd = Metatypes.find(context, metaTypes, pid);
        if (ocd == null) {
            throw ApiException.notFound("PID " + pid + " has no metatype, so its values cannot be checked; no bundle describes it");
        }
        JsonObject json = parse(body);
        Map<String, AttributeDefinition> definitions = new LinkedHashMap<>();
        for (AttributeDefinition definition : Metatypes.attributes(ocd)) {
            definitions.put(definition.getID(), definition);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            AttributeDefinition definition = definitions.get(entry.getKey());
            if (definition == null) {
                throw ConfigValues.bad(ApiError.printable(entry.getKey()), "is not a property of " + pid + " (known: "
                        + String.join(", ", definitions.keySet()) + ")");
            }
            if (entry.getValue().isJsonNull()) {
                throw ConfigValues.bad(entry.getKey(), "must have a value");
            }
            values.put(entry.getKey(), ConfigValues.convert(definition, entry.getValue()));
        }
        Configuration configuration = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> previous = configuration.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        if (previous != null) {
            for (Enumeration<String> keys = previous.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                next.put(key, previous.get(key));
            }
        }
        next.putAll(values);
        configuration.update(next);
        String failure = new ComponentCheck(scr, pid, values).failure();
        if (failure != null) {
            if (previous == null) {
                configuration.delete();
            } else {
                configuration.update(previous);
            }
            LOG.warn("cubekvm.console: configuration of {} refused by its component, previous values restored: {}", pid, failure);
            throw new ApiException(400, "bad_value", failure);
        }
        LOG.info("cubekvm.console: configuration {} set: {}", pid, values.keySet());
        return describe(pid);
    }

    private Configuration existing(String pid) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0];
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw ApiException.badRequest("PID " + ApiError.printable(pid) + " is not valid");
        }
    }

    private static void checkPid(String pid) {
        if (pid == null || !pid.matches("[A-Za-z0-9_.~-]{1,200}")) {
            throw ApiException.badRequest("A PID is letters, digits and . _ ~ -, was '" + ApiError.printable(pid) + "'");
        }
    }

    private static JsonObject parse(InputStream body) throws IOException {
        if (body == null) {
            throw ApiException.badRequest("The body must be a JSON object of the properties to set");
        }
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "too_large", "A configuration may have at most " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonElement json = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!json.isJsonObject()) {
                throw ApiException.badRequest("The body must be a flat JSON object of the properties to set");
            }
            return json.getAsJsonObject();
        } catch (JsonParseException e) {
            throw ApiException.badRequest("The body is not valid JSON");
        }
    }

    /** Moves every password attribute out of the properties; secrets then says only whether each is set. */
    static void hideSecrets(AttributeDefinition[] definitions, Map<String, Object> properties, Map<String, Boolean> secrets) {
        for (AttributeDefinition definition : definitions) {
            if (definition.getType() == AttributeDefinition.PASSWORD) {
                Object value = properties.remove(definition.getID());
                secrets.put(definition.getID(), value != null && !String.valueOf(value).isEmpty());
            }
        }
    }

    static String display(Object value) {
        return value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
    }
}
