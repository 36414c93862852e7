package org.cubekvm.atx.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Wake-on-LAN magic packets over UDP to an IPv4 address (a broadcast address on the
 * device; never resolved from a name, so a request cannot make the KVM look anything up).
 */
@Component(service = WakeOnLan.class, configurationPid = WakeOnLan.PID)
@Designate(ocd = WolConfig.class)
public class WakeOnLan {
    static final String PID = "org.cubekvm.wol";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.atx");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private volatile Defaults defaults;

    /** Where a packet goes when the request does not say. */
    record Defaults(String broadcast, int port) {
        Defaults {
            broadcast = WakeOnLan.address(broadcast, "broadcast").getHostAddress();
            port = WakeOnLan.port(port, "port");
        }
    }

    /** The 200 body of {@code POST /api/wol}. */
    record Sent(String mac, String broadcast, int port) {
    }

    @Activate
    public WakeOnLan(WolConfig config) {
        modified(config);
    }

    WakeOnLan(Defaults defaults) {
        this.defaults = defaults;
    }

    @Modified
    void modified(WolConfig config) {
        try {
            defaults = new Defaults(config.broadcast(), config.port());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wol: configuration " + PID + " refused: " + e.getMessage(), e);
        }
    }

    Defaults defaults() {
        return defaults;
    }

    /** Sends one magic packet for {@code mac}; {@code broadcast}/{@code port} null for the defaults. */
    Sent send(MacAddress mac, String broadcast, Integer port, String user) throws IOException {
        Defaults current = defaults;
        InetAddress to = broadcast == null ? address(current.broadcast(), "broadcast") : address(broadcast, "broadcast");
        int toPort = port == null ? current.port() : port(port, "port");
        byte[] packet = MagicPacket.of(mac);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            socket.send(new DatagramPacket(packet, packet.length, to, toPort));
        }
        LOG.info("wol: {} sent a magic packet for {} to {}:{}", user, mac, to.getHostAddress(), toPort);
        return new Sent(mac.text(), to.getHostAddress(), toPort);
    }

    static InetAddress address(String value, String field) {
        if (value == null || !IPV4.matcher(value).matches()) {
            throw new IllegalArgumentException("Field '" + field + "' must be an IPv4 address like 192.168.1.255, was "
                    + (value == null ? "missing" : "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'"));
        }
        try {
            return InetAddress.getByName(value); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Field '" + field + "' is not an IPv4 address: " + value, e);
        }
    }

    static int port(int value, String field) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("Field '" + field + "' must be 1..65535, was " + value);
        }
        return value;
    }
}
