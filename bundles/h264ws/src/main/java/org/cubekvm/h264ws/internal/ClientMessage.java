package org.cubekvm.h264ws.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The client → server messages of {@code /api/stream/h264} (docs/api.md): {@code [0x02][u64 ts]} ack,
 * {@code [0x03]} key-frame request, {@code [0x04][u8 visible]} tab visibility. Anything else is
 * {@link Kind#MALFORMED}.
 */
final class ClientMessage {
    enum Kind { ACK, KEY_FRAME, VISIBILITY, MALFORMED }

    static final byte ACK = 0x02;
    static final byte KEY_FRAME = 0x03;
    static final byte VISIBILITY = 0x04;

    private ClientMessage() {
    }

    static Kind kind(ByteBuffer message) {
        int length = message.remaining();
        if (length == 0) {
            return Kind.MALFORMED;
        }
        byte type = message.get(message.position());
        return switch (type) {
            case ACK -> length == 9 ? Kind.ACK : Kind.MALFORMED;
            case KEY_FRAME -> length == 1 ? Kind.KEY_FRAME : Kind.MALFORMED;
            case VISIBILITY -> length == 2 && (message.get(message.position() + 1) & 0xff) <= 1 ? Kind.VISIBILITY : Kind.MALFORMED;
            default -> Kind.MALFORMED;
        };
    }

    /** The acknowledged frame's timestamp (µs) of an {@link Kind#ACK} message. */
    static long ackTimestamp(ByteBuffer message) {
        return message.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(message.position() + 1);
    }

    /** Whether a {@link Kind#VISIBILITY} message says the tab is visible. */
    static boolean visible(ByteBuffer message) {
        return message.get(message.position() + 1) == 1;
    }
}
