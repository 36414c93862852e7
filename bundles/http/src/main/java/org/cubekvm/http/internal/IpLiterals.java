package org.cubekvm.http.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parses IP address literals without ever asking DNS (a name is not an address here). */
final class IpLiterals {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private IpLiterals() {
    }

    /** The address, or null when {@code text} is not an IPv4 or IPv6 literal. */
    static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        boolean v4 = IPV4.matcher(value).matches();
        boolean v6 = !v4 && value.indexOf(':') >= 0 && IPV6.matcher(value).matches();
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(value); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
