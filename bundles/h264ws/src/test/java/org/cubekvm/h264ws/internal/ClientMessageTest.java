package org.cubekvm.h264ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import org.cubekvm.h264ws.internal.ClientMessage.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientMessageTest {
    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("empty", new byte[0], Kind.MALFORMED),
                Arguments.of("ack", new byte[] {2, 1, 2, 3, 4, 5, 6, 7, 8}, Kind.ACK),
                Arguments.of("ack too short", new byte[] {2, 1, 2, 3}, Kind.MALFORMED),
                Arguments.of("ack too long", new byte[] {2, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Kind.MALFORMED),
                Arguments.of("key frame", new byte[] {3}, Kind.KEY_FRAME),
                Arguments.of("key frame with payload", new byte[] {3, 0}, Kind.MALFORMED),
                Arguments.of("hidden", new byte[] {4, 0}, Kind.VISIBILITY),
                Arguments.of("visible", new byte[] {4, 1}, Kind.VISIBILITY),
                Arguments.of("visibility 2", new byte[] {4, 2}, Kind.MALFORMED),
                Arguments.of("visibility without value", new byte[] {4}, Kind.MALFORMED),
                Arguments.of("unknown type", new byte[] {9, 9}, Kind.MALFORMED),
                Arguments.of("heartbeat of the HID protocol", new byte[] {0}, Kind.MALFORMED),
                Arguments.of("64 KiB of garbage", new byte[65536], Kind.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void classifies(String name, byte[] bytes, Kind expected) {
        assertEquals(expected, ClientMessage.kind(ByteBuffer.wrap(bytes)));
    }

    @Test
    void ackCarriesTheFrameTimestampLittleEndian() {
        ByteBuffer message = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
        message.put((byte) 2).putLong(1_763_700_000_123_456L).flip();
        assertEquals(1_763_700_000_123_456L, ClientMessage.ackTimestamp(message));
    }

    @Test
    void visibilityValue() {
        assertEquals(true, ClientMessage.visible(ByteBuffer.wrap(new byte[] {4, 1})));
        assertEquals(false, ClientMessage.visible(ByteBuffer.wrap(new byte[] {4, 0})));
    }
}
