package org.cubekvm.webrtc.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Which addresses the answer announces: the setting, else the HTTP bind address, else every non-loopback one. */
final class HostCandidates {
    private HostCandidates() {
    }

    /**
     * @param setting   the {@code candidates} setting (comma-separated literal IPs), may be empty
     * @param bind      the address the HTTP server (and the media port) is bound to
     * @throws IllegalArgumentException naming a setting entry that is not a literal IP address
     */
    static List<String> of(String setting, InetAddress bind) {
        List<String> result = new ArrayList<>();
        if (setting != null && !setting.isBlank()) {
            for (String entry : setting.split(",")) {
                String address = entry.trim();
                if (address.isEmpty()) {
                    continue;
                }
                if (!isLiteral(address)) {
                    throw new IllegalArgumentException("candidates: '" + address + "' is not an IP address");
                }
                result.add(address);
            }
            return result;
        }
        if (!bind.isAnyLocalAddress()) {
            result.add(bind.getHostAddress());
            return result;
        }
        List<String> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        result.add(address.getHostAddress());
                    } else if (address instanceof Inet6Address a6 && !a6.isLinkLocalAddress()) {
                        String text = a6.getHostAddress();
                        int scope = text.indexOf('%');
                        v6.add(scope > 0 ? text.substring(0, scope) : text);
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces readable: no candidates
        }
        result.addAll(v6);
        return result;
    }

    static boolean isLiteral(String address) {
        if (address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : address.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        return address.contains(":") && address.matches("[0-9a-fA-F:.]+");
    }
}
