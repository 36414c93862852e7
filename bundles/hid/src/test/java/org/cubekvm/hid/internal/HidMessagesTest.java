package org.cubekvm.hid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.cubekvm.hid.internal.HidMessages.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HidMessagesTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                // well formed
                Arguments.of("heartbeat", "00", Kind.HEARTBEAT),
                Arguments.of("release all", "03", Kind.RELEASE_ALL),
                Arguments.of("keyboard: nothing pressed", "01 00 00 000000000000", Kind.KEYBOARD),
                Arguments.of("keyboard: shift + a", "01 02 00 040000000000", Kind.KEYBOARD),
                Arguments.of("keyboard: six keys", "01 ff 00 04 05 06 07 08 09", Kind.KEYBOARD),
                Arguments.of("keyboard: highest key usage", "01 00 00 dd0000000000", Kind.KEYBOARD),
                Arguments.of("keyboard: gaps between keys", "01 00 00 00 04 00 05 00 00", Kind.KEYBOARD),
                Arguments.of("relative mouse: move", "02 00 05 fb 00", Kind.MOUSE_RELATIVE),
                Arguments.of("relative mouse: extremes", "02 07 7f 81 81", Kind.MOUSE_RELATIVE),
                Arguments.of("absolute mouse: origin", "02 00 0000 0000 00", Kind.MOUSE_ABSOLUTE),
                Arguments.of("absolute mouse: far corner", "02 01 ff7f ff7f 00", Kind.MOUSE_ABSOLUTE),
                Arguments.of("absolute mouse: wheel up", "02 00 0040 0040 01", Kind.MOUSE_ABSOLUTE),
                // malformed
                Arguments.of("empty payload", "", Kind.MALFORMED),
                Arguments.of("wrong type", "04", Kind.MALFORMED),
                Arguments.of("wrong type with payload", "ff 01 02 03", Kind.MALFORMED),
                Arguments.of("heartbeat with payload", "00 00", Kind.MALFORMED),
                Arguments.of("release all with payload", "03 00", Kind.MALFORMED),
                Arguments.of("keyboard: no payload", "01", Kind.MALFORMED),
                Arguments.of("keyboard: too short", "01 00 00 04 00 00 00 00", Kind.MALFORMED),
                Arguments.of("keyboard: too long", "01 00 00 04 00 00 00 00 00 00", Kind.MALFORMED),
                Arguments.of("keyboard: reserved byte set", "01 00 01 04 00 00 00 00 00", Kind.MALFORMED),
                Arguments.of("keyboard: error roll-over usage", "01 00 00 01 00 00 00 00 00", Kind.MALFORMED),
                Arguments.of("keyboard: modifier usage in key slot", "01 00 00 e0 00 00 00 00 00", Kind.MALFORMED),
                Arguments.of("keyboard: usage past the table", "01 00 00 de 00 00 00 00 00", Kind.MALFORMED),
                Arguments.of("keyboard: key twice", "01 00 00 04 05 04 00 00 00", Kind.MALFORMED),
                Arguments.of("mouse: no payload", "02", Kind.MALFORMED),
                Arguments.of("mouse: 3 bytes", "02 00 00 00", Kind.MALFORMED),
                Arguments.of("mouse: 5 bytes", "02 00 00 00 00 00", Kind.MALFORMED),
                Arguments.of("mouse: 7 bytes", "02 00 00 00 00 00 00 00", Kind.MALFORMED),
                Arguments.of("relative mouse: button 4", "02 08 00 00 00", Kind.MALFORMED),
                Arguments.of("relative mouse: dx -128", "02 00 80 00 00", Kind.MALFORMED),
                Arguments.of("relative mouse: wheel -128", "02 00 00 00 80", Kind.MALFORMED),
                Arguments.of("absolute mouse: x 32768", "02 00 0080 0000 00", Kind.MALFORMED),
                Arguments.of("absolute mouse: y 65535", "02 00 0000 ffff 00", Kind.MALFORMED),
                Arguments.of("absolute mouse: wheel -128", "02 00 0000 0000 80", Kind.MALFORMED),
                Arguments.of("absolute mouse: buttons 0xff", "02 ff 0000 0000 00", Kind.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void classifies(String name, String hex, Kind expected) {
        ByteBuffer message = ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
        assertEquals(expected, HidMessages.classify(message), name);
        assertEquals(0, message.position(), "classify must not consume the message");
        if (expected == Kind.MALFORMED) {
            assertNotNull(HidMessages.malformedReason(message));
        } else {
            assertNull(HidMessages.malformedReason(message));
        }
    }

    @Test
    void sixtyFourKibOfGarbageIsMalformed() {
        byte[] garbage = new byte[64 * 1024];
        garbage[0] = 0x01;
        assertEquals(Kind.MALFORMED, HidMessages.classify(ByteBuffer.wrap(garbage)));
    }

    @Test
    void honoursTheBufferPosition() {
        ByteBuffer message = ByteBuffer.wrap(HexFormat.of().parseHex("ffff00"));
        message.position(2);
        assertEquals(Kind.HEARTBEAT, HidMessages.classify(message));
    }
}
