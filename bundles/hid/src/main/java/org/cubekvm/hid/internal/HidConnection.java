package org.cubekvm.hid.internal;

import java.nio.ByteBuffer;
import org.cubekvm.common.websocket.GuardedConnection;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser (or script) on {@code /api/hid}. Remembers what this connection holds down so
 * that closing it, however it ends, releases every key and button it pressed.
 */
public final class HidConnection extends GuardedConnection {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.hid");

    private final HidHub hub;
    private boolean keysHeld;
    private int buttons;
    private boolean absolute = true;
    private int lastX;
    private int lastY;

    HidConnection(HidHub hub) {
        this.hub = hub;
    }

    @Override
    protected void opened(Session opened) {
        hub.connected(this);
        LOG.debug("connection from {}", opened.getRemoteSocketAddress());
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            handle(payload);
        } finally {
            callback.succeed();
        }
    }

    @Override
    public void onWebSocketText(String message) {
        HidCounters counters = hub.counters();
        counters.messages.increment();
        counters.malformed.increment();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("connection error: {}", cause.toString());
        super.onWebSocketError(cause);
    }

    synchronized void handle(ByteBuffer message) {
        HidCounters counters = hub.counters();
        counters.messages.increment();
        HidMessages.Kind kind = HidMessages.classify(message);
        switch (kind) {
            case MALFORMED -> {
                counters.malformed.increment();
                if (LOG.isDebugEnabled()) {
                    LOG.debug("dropped a malformed message: {}", HidMessages.malformedReason(message));
                }
            }
            case HEARTBEAT -> counters.heartbeats.increment();
            case RELEASE_ALL -> {
                counters.releaseAll.increment();
                releaseAll(true);
            }
            case KEYBOARD -> {
                counters.keyboardReports.increment();
                keyboard(message);
            }
            case MOUSE_RELATIVE, MOUSE_ABSOLUTE -> {
                counters.mouseReports.increment();
                mouse(message, kind == HidMessages.Kind.MOUSE_ABSOLUTE);
            }
        }
    }

    private void keyboard(ByteBuffer message) {
        SinkWriter writer = hub.writer();
        if (writer == null) {
            hub.counters().noSink.increment();
            return;
        }
        hub.inputSeen();
        byte[] report = new byte[HidMessages.KEYBOARD_REPORT_LENGTH];
        message.get(message.position() + 1, report);
        keysHeld = !isReleased(report);
        try {
            if (!writer.offerKeyboard(report)) {
                close(1011, "the keyboard is not accepting reports");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void mouse(ByteBuffer message, boolean isAbsolute) {
        SinkWriter writer = hub.writer();
        if (writer == null) {
            hub.counters().noSink.increment();
            return;
        }
        hub.inputSeen();
        int at = message.position() + 1;
        PointerEvent event;
        if (isAbsolute) {
            lastX = HidMessages.u16(message, at + 1);
            lastY = HidMessages.u16(message, at + 3);
            event = new PointerEvent(true, message.get(at), lastX, lastY, message.get(at + 5));
        } else {
            event = new PointerEvent(false, message.get(at), message.get(at + 1), message.get(at + 2), message.get(at + 3));
        }
        absolute = isAbsolute;
        buttons = event.buttons();
        writer.offerPointer(event);
    }

    /** Releases keys and buttons: always when the client asks, only what this connection holds when it ends. */
    private void releaseAll(boolean always) {
        SinkWriter writer = hub.writer();
        if (writer != null) {
            if (always || keysHeld) {
                writer.releaseKeyboard();
            }
            if (always || buttons != 0) {
                writer.offerPointer(PointerEvent.released(absolute, lastX, lastY));
            }
        }
        keysHeld = false;
        buttons = 0;
    }

    @Override
    protected void ended() {
        hub.disconnected(this);
        synchronized (this) {
            releaseAll(false);
        }
    }

    private static boolean isReleased(byte[] report) {
        for (byte b : report) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
