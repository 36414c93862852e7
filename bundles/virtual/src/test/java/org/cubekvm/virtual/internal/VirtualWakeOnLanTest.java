package org.cubekvm.virtual.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VirtualWakeOnLanTest {
    private static final byte[] MAC = HexFormat.of().parseHex("525400c0be01");

    private static byte[] magic(byte[] mac, int length) {
        byte[] packet = new byte[Math.max(length, 102)];
        Arrays.fill(packet, 0, 6, (byte) 0xFF);
        for (int i = 0; i < 16; i++) {
            System.arraycopy(mac, 0, packet, 6 + i * 6, 6);
        }
        return packet;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "magic packet for this MAC | 525400c0be01 | 102 | -1 | true",
        "with a 4-byte password | 525400c0be01 | 106 | -1 | true",
        "with a 6-byte password | 525400c0be01 | 108 | -1 | true",
        "for another MAC | 525400c0be02 | 102 | -1 | false",
        "too short | 525400c0be01 | 101 | -1 | false",
        "odd length | 525400c0be01 | 104 | -1 | false",
        "no sync stream | 525400c0be01 | 102 | 3 | false",
        "one repetition wrong | 525400c0be01 | 102 | 99 | false",
        "empty | 525400c0be01 | 0 | -1 | false",
    })
    void onlyAMagicPacketForItsMacWakesIt(String name, String mac, int length, int corrupt, boolean magic) {
        byte[] packet = magic(HexFormat.of().parseHex(mac), length);
        if (corrupt >= 0) {
            packet[corrupt] ^= 0x10;
        }
        assertEquals(magic, VirtualWakeOnLan.isMagicFor(MAC, packet, length), name);
    }
}
