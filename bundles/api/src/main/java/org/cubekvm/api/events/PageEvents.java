package org.cubekvm.api.events;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes an event to every page connected to {@code WS /api/events}. The event is sent as
 * one JSON text message: {@code {"type": type, ...fields}}. Each type also keeps its latest
 * event, sent first to a page that connects later, so a new page starts from the current state.
 */
@ProviderType
public interface PageEvents {
    /**
     * @param type   lower-case event type ({@code atx}, {@code media}, ...), 1..32 characters
     * @param fields the event's fields (JSON-serialisable: strings, numbers, booleans, maps, lists)
     */
    void publish(String type, Map<String, ?> fields);
}
