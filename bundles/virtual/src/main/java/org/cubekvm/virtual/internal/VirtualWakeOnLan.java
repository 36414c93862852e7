package org.cubekvm.virtual.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual machine's Wake-on-LAN: a UDP socket on 127.0.0.1 (only: the machine is not on a
 * real network) read by the thread {@value #THREAD_NAME}; a magic packet for its MAC starts the
 * machine when it is off. A configuration change restarts the component (no @Modified), so the
 * socket is rebound.
 */
@Component(configurationPid = VirtualWakeOnLan.PID, service = VirtualWakeOnLan.class, immediate = true)
@Designate(ocd = VirtualWolSettings.class)
public class VirtualWakeOnLan {
    static final String PID = "org.cubekvm.virtual.wol";
    static final String THREAD_NAME = "virtual-wol";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.virtual");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    /** A magic packet is 102 bytes, 108 with a SecureOn password; anything longer is not one. */
    private static final int MAX_PACKET = 108;

    private final VirtualPower power;
    private final byte[] mac;
    private final DatagramSocket socket;
    private final Thread reader;

    @Activate
    public VirtualWakeOnLan(@Reference VirtualPower power, VirtualWolSettings settings) throws SocketException {
        this.power = power;
        String text = settings.mac() == null ? "" : settings.mac().toLowerCase(Locale.ROOT).replace('-', ':');
        if (!MAC.matcher(text).matches()) {
            throw new IllegalArgumentException("virtual: configuration " + PID + ": mac must look like 52:54:00:12:34:56, was "
                    + settings.mac());
        }
        int port = settings.port();
        if (port != 0 && (port < 1024 || port > 65535)) {
            throw new IllegalArgumentException("virtual: configuration " + PID + ": port must be 1024..65535 or 0, was " + port);
        }
        this.mac = HexFormat.of().parseHex(text.replace(":", ""));
        if (port == 0) {
            socket = null;
            reader = null;
            return;
        }
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        reader = new Thread(this::read, THREAD_NAME);
        reader.setDaemon(true);
        reader.start();
        LOG.info("virtual: Wake-on-LAN for {} on 127.0.0.1:{}", text, port);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (socket != null) {
            socket.close();
            reader.join(2000);
        }
    }

    private void read() {
        byte[] buffer = new byte[MAX_PACKET + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("virtual: Wake-on-LAN socket failed: {}", e.toString());
                }
                return;
            }
            int length = packet.getLength();
            if (!isMagicFor(mac, buffer, length)) {
                if (length >= 12 && isMagicFor(Arrays.copyOfRange(buffer, 6, 12), buffer, length)) {
                    LOG.info("virtual: magic packet for {} ignored (this machine is {})",
                            HexFormat.ofDelimiter(":").formatHex(buffer, 6, 12), HexFormat.ofDelimiter(":").formatHex(mac));
                }
                continue;
            }
            boolean woke = power.wake();
            LOG.info("virtual: magic packet from {}{}", packet.getAddress().getHostAddress(),
                    woke ? ": waking up" : " while on: nothing to do");
        }
    }

    /** Six 0xFF bytes, then {@code mac} sixteen times (an optional 4- or 6-byte password may follow). */
    static boolean isMagicFor(byte[] mac, byte[] packet, int length) {
        if (length != 102 && length != 106 && length != 108) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (packet[i] != (byte) 0xFF) {
                return false;
            }
        }
        for (int i = 6; i < 102; i++) {
            if (packet[i] != mac[(i - 6) % 6]) {
                return false;
            }
        }
        return true;
    }
}
