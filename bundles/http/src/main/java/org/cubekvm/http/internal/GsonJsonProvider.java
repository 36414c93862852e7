package org.cubekvm.http.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsMediaType;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/** JSON for every REST resource, with Gson. Malformed JSON is a 400 naming where it broke. */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JakartarsExtension
@JakartarsName(RestConstants.JSON_PROVIDER_NAME)
@JakartarsMediaType(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GsonJsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    /**
     * Larger request bodies are refused: every JSON body of the API is small (a paste is the largest).
     * The {@link RequestBodyGate} has already held each endpoint to its own, smaller cap; this is the
     * backstop for a body that reaches Jersey some other way.
     */
    static final int MAX_BODY_BYTES = (int) BodyLimits.LARGE_BYTES;
    /** Deepest nesting of arrays and objects: the API's bodies are two levels deep. */
    static final int MAX_NESTING = 16;

    /**
     * Gson caches a type adapter per class it has seen; those classes belong to other bundles. A
     * fresh instance after any bundle is unresolved (updated, uninstalled, refreshed) lets the
     * old class loaders go, so hot swaps do not leak them.
     */
    private volatile Gson gson = newGson();
    private final SynchronousBundleListener forgetOldClasses = event -> {
        if (event.getType() == BundleEvent.UNRESOLVED) {
            gson = newGson();
        }
    };
    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        context.addBundleListener(forgetOldClasses);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(forgetOldClasses);
    }

    private static Gson newGson() {
        return new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && type != String.class && !InputStream.class.isAssignableFrom(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        Reader reader = new InputStreamReader(new BoundedInputStream(entityStream, MAX_BODY_BYTES), StandardCharsets.UTF_8);
        Gson current = gson;
        Object value;
        try {
            JsonReader json = current.newJsonReader(reader);
            json.setNestingLimit(MAX_NESTING);
            value = current.fromJson(json, TypeToken.get(genericType));
            if (value != null && json.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonSyntaxException("more than one JSON value at " + json.getPath());
            }
        } catch (JsonParseException | IllegalStateException | NumberFormatException | IOException e) {
            if (e instanceof BoundedInputStream.TooLargeException || e.getCause() instanceof BoundedInputStream.TooLargeException) {
                throw new ApiException(413, "too_large", "The request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            throw ApiException.badRequest("The request body is not valid JSON for this request: " + JsonErrors.describe(e));
        }
        if (value == null) {
            throw ApiException.badRequest("The request body is empty; a JSON object is required");
        }
        return value;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && !InputStream.class.isAssignableFrom(type) && type != byte[].class;
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException, WebApplicationException {
        Writer writer = new OutputStreamWriter(entityStream, StandardCharsets.UTF_8);
        gson.toJson(value, genericType == null ? type : genericType, writer);
        writer.flush();
    }

    private static boolean isJson(MediaType mediaType) {
        return mediaType == null || mediaType.isWildcardType()
                || ("application".equals(mediaType.getType()) && mediaType.getSubtype().endsWith("json"));
    }
}
