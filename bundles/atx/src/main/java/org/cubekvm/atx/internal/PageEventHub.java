package org.cubekvm.atx.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.cubekvm.api.events.PageEvents;
import org.osgi.service.component.annotations.Component;

/**
 * The pages connected to {@code WS /api/events} and the latest event of each type. A publish
 * serialises the event once and hands the same text to every page; a page that connects is sent
 * the latest event of every type first, so it starts from the current state without asking.
 */
@Component(service = {PageEvents.class, PageEventHub.class})
public class PageEventHub implements PageEvents {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    static final int MAX_TYPES = 32;

    private final Gson gson = new Gson();
    private final Set<Consumer<String>> pages = new CopyOnWriteArraySet<>();
    /** Guarded by itself; insertion order is the order a new page hears them. */
    private final Map<String, String> latest = new LinkedHashMap<>();

    @Override
    public void publish(String type, Map<String, ?> fields) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("event type must match " + TYPE.pattern() + ", was " + type);
        }
        JsonObject event = new JsonObject();
        event.addProperty("type", type);
        JsonElement body = gson.toJsonTree(fields == null ? Map.of() : fields);
        for (Map.Entry<String, JsonElement> field : body.getAsJsonObject().entrySet()) {
            if (!field.getKey().equals("type")) {
                event.add(field.getKey(), field.getValue());
            }
        }
        String text = event.toString();
        synchronized (latest) {
            if (!latest.containsKey(type) && latest.size() >= MAX_TYPES) {
                throw new IllegalStateException("at most " + MAX_TYPES + " event types are kept; " + type + " is one too many");
            }
            latest.put(type, text);
            // Sent under the lock so a page never hears an older event after a newer one of the same type.
            for (Consumer<String> page : pages) {
                page.accept(text);
            }
        }
    }

    /** {@code page} is sent the latest event of every type, then each new event, until {@link #leave}. */
    void join(Consumer<String> page) {
        List<String> current;
        synchronized (latest) {
            current = new ArrayList<>(latest.values());
            pages.add(page);
            for (String text : current) {
                page.accept(text);
            }
        }
    }

    void leave(Consumer<String> page) {
        pages.remove(page);
    }

    int pages() {
        return pages.size();
    }
}
