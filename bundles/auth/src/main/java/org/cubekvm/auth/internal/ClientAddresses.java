package org.cubekvm.auth.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The key a login limit counts a client address under. An IPv4 address is itself; an IPv6
 * address counts by its /64 network, because one host is usually given a whole /64 and could
 * otherwise try from a fresh address every time.
 */
final class ClientAddresses {
    private static final int MAX_LENGTH = 64;

    private ClientAddresses() {
    }

    static String limitKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isEmpty()) {
            return "unknown";
        }
        String address = remoteAddress;
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (address.indexOf(':') < 0 || address.length() > MAX_LENGTH || !address.matches("[0-9A-Fa-f:.]+")) {
            return address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address;
        }
        try {
            // A literal (checked above), so no name lookup happens.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
