package org.cubekvm.atx.internal;

/** The Wake-on-LAN magic packet: six 0xFF bytes, then the MAC address sixteen times (102 bytes). */
final class MagicPacket {
    static final int LENGTH = 6 + 16 * 6;

    private MagicPacket() {
    }

    static byte[] of(MacAddress mac) {
        byte[] address = mac.bytes();
        byte[] packet = new byte[LENGTH];
        for (int i = 0; i < 6; i++) {
            packet[i] = (byte) 0xFF;
        }
        for (int i = 0; i < 16; i++) {
            System.arraycopy(address, 0, packet, 6 + i * 6, 6);
        }
        return packet;
    }
}
