package org.cubekvm.common.websocket;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client on a protected API WebSocket: keeps its session, sends text without waiting (a slow
 * client never holds up the sender), and ends exactly once however the socket ends (close or
 * error): first the hook given to {@link #whenEnded} (the watch on the credential that opened
 * it), then the subclass's {@link #ended()}.
 */
public abstract class GuardedConnection implements Session.Listener.AutoDemanding {
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Session session;
    private volatile Runnable onEnded;

    @Override
    public final void onWebSocketOpen(Session opened) {
        session = opened;
        opened(opened);
    }

    @Override
    public final void onWebSocketClose(int statusCode, String reason) {
        end();
    }

    /** Ends the connection; a subclass that logs the cause calls this after. */
    @Override
    public void onWebSocketError(Throwable cause) {
        end();
    }

    /** The socket is open: join whatever feeds it. */
    protected abstract void opened(Session opened);

    /** The socket has ended (once): leave, release what it held. */
    protected abstract void ended();

    /** Sends a text message if the socket is open, without waiting for it to leave. */
    public void sendText(String text) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.sendText(text, Callback.NOOP);
        }
    }

    /** {@code hook} runs once when this connection ends, however it ends. */
    public void whenEnded(Runnable hook) {
        onEnded = hook;
    }

    /** Closes the socket with a WebSocket status code, e.g. 1008 when its credential was revoked. */
    public void close(int status, String reason) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(status, reason, Callback.NOOP);
        }
    }

    private void end() {
        if (closed.compareAndSet(false, true)) {
            Runnable hook = onEnded;
            if (hook != null) {
                hook.run();
            }
            ended();
        }
    }
}
