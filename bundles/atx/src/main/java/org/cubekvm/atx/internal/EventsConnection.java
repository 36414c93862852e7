package org.cubekvm.atx.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One page on {@code WS /api/events}: sent JSON text events, sends nothing but optional
 * heartbeats (ignored). Sending is asynchronous, so a slow page never holds up a publisher.
 */
public final class EventsConnection implements Session.Listener.AutoDemanding, Consumer<String> {
    private final PageEventHub hub;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Session session;
    private volatile Runnable onEnded;

    EventsConnection(PageEventHub hub) {
        this.hub = hub;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        hub.join(this);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        ended();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        ended();
    }

    @Override
    public void accept(String text) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.sendText(text, Callback.NOOP);
        }
    }

    void whenEnded(Runnable hook) {
        onEnded = hook;
    }

    void close(int status, String reason) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(status, reason, Callback.NOOP);
        }
    }

    private void ended() {
        if (ended.compareAndSet(false, true)) {
            hub.leave(this);
            Runnable hook = onEnded;
            if (hook != null) {
                hook.run();
            }
        }
    }
}
