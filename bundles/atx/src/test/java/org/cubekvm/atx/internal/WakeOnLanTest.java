package org.cubekvm.atx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WakeOnLanTest {
    @Test
    void aMagicPacketIsSixFfThenTheMacSixteenTimes() {
        byte[] packet = MagicPacket.of(MacAddress.parse("52-54-00-AB-cd-01", "mac"));
        assertEquals(102, packet.length);
        for (int i = 0; i < 6; i++) {
            assertEquals((byte) 0xFF, packet[i]);
        }
        byte[] mac = {0x52, 0x54, 0x00, (byte) 0xAB, (byte) 0xCD, 0x01};
        for (int i = 0; i < 16; i++) {
            assertArrayEquals(mac, Arrays.copyOfRange(packet, 6 + i * 6, 12 + i * 6));
        }
    }

    @Test
    void sendsToTheConfiguredAddressAndPort() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            WakeOnLan wol = new WakeOnLan(new WakeOnLan.Defaults("127.0.0.1", receiver.getLocalPort()));
            MacAddress mac = MacAddress.parse("52:54:00:12:34:56", "mac");
            WakeOnLan.Sent sent = wol.send(mac, null, null, "alice");
            assertEquals(new WakeOnLan.Sent("52:54:00:12:34:56", "127.0.0.1", receiver.getLocalPort()), sent);
            byte[] buffer = new byte[200];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            receiver.setSoTimeout(10_000);
            receiver.receive(packet);
            assertArrayEquals(MagicPacket.of(mac), Arrays.copyOf(buffer, packet.getLength()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12:34", "52:54:00:12:34:5g", "52:54:00:12:34:56:78", "525400123456", "52:54-00:12:34:56x"})
    void badMacsAreRefused(String mac) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(mac, "mac"));
        assertTrue(e.getMessage().contains("'mac'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "256.1.1.1", "1.2.3", "::1", "1.2.3.4 ", "localhost"})
    void onlyIpv4LiteralsAreAddresses(String address) {
        assertThrows(IllegalArgumentException.class, () -> WakeOnLan.address(address, "broadcast"));
    }

    @Test
    void savedTargetsAreValidatedAsAWholeAndKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(WolTargets.FILE);
        WolTargets targets = new WolTargets(file);
        List<WolTargets.Target> saved = targets.replace(JsonParser.parseString(
                "[{\"name\":\"desk\",\"mac\":\"52:54:00:12:34:56\"},{\"name\":\"nas\",\"mac\":\"AA-BB-CC-DD-EE-FF\",\"broadcast\":\"127.0.0.1\",\"port\":7}]"));
        assertEquals(List.of(new WolTargets.Target("desk", "52:54:00:12:34:56", null, null),
                new WolTargets.Target("nas", "aa:bb:cc:dd:ee:ff", "127.0.0.1", 7)), saved);
        assertEquals(saved, new WolTargets(file).list(), "kept across restarts");
        for (String bad : List.of("{}", "[1]", "[{\"name\":\"x\"}]", "[{\"name\":\"\",\"mac\":\"52:54:00:12:34:56\"}]",
                "[{\"name\":\"a\",\"mac\":\"52:54:00:12:34:56\"},{\"name\":\"a\",\"mac\":\"52:54:00:12:34:57\"}]",
                "[{\"name\":\"a\",\"mac\":\"52:54:00:12:34:56\",\"port\":70000}]",
                "[{\"name\":\"a\",\"mac\":\"52:54:00:12:34:56\",\"broadcast\":\"host\"}]")) {
            assertThrows(IllegalArgumentException.class, () -> targets.replace(JsonParser.parseString(bad)), bad);
        }
        assertEquals(saved, targets.list(), "a refused list changes nothing");
        assertTrue(Files.readString(file).contains("desk"));
    }
}
