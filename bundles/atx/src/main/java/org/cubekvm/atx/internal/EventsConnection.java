package org.cubekvm.atx.internal;

import java.util.function.Consumer;
import org.cubekvm.common.websocket.GuardedConnection;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One page on {@code WS /api/events}: sent JSON text events, sends nothing but optional
 * heartbeats (ignored). Sending is asynchronous, so a slow page never holds up a publisher.
 */
public final class EventsConnection extends GuardedConnection implements Consumer<String> {
    private final PageEventHub hub;

    EventsConnection(PageEventHub hub) {
        this.hub = hub;
    }

    @Override
    protected void opened(Session opened) {
        hub.join(this);
    }

    @Override
    public void accept(String text) {
        sendText(text);
    }

    @Override
    protected void ended() {
        hub.leave(this);
    }
}
