package org.cubekvm.oled.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The pages the display cycles through, each four lines of at most 16 characters. */
enum StatusPages {
    /** While no admin exists: how to finish the setup. */
    SETUP,
    NETWORK,
    VIDEO,
    DEVICE;

    /** The pages to show for this status, in order: the setup page alone while a setup code exists. */
    static List<StatusPages> pagesFor(DeviceStatus status) {
        return status.setupCode() != null ? List.of(SETUP, NETWORK) : List.of(NETWORK, VIDEO, DEVICE);
    }

    List<String> lines(DeviceStatus status) {
        List<String> lines = new ArrayList<>();
        switch (this) {
            case SETUP -> {
                lines.add("Setup code:");
                lines.add(status.setupCode());
                lines.add("Open in browser:");
                lines.add(status.addresses().isEmpty() ? "(no address)" : status.addresses().get(0));
            }
            case NETWORK -> {
                lines.add(status.link() ? "Link up" : "Link down");
                for (String address : status.addresses()) {
                    if (lines.size() < MonoFrame.LINES) {
                        lines.add(address);
                    }
                }
                if (status.addresses().isEmpty()) {
                    lines.add("No IP address");
                }
            }
            case VIDEO -> {
                lines.add(status.signal() ? "HDMI " + status.width() + "x" + status.height() : "HDMI no signal");
                lines.add(status.signal() ? String.format(Locale.ROOT, "%.0f fps", status.fps()) : "");
                lines.add("Stream " + status.stream());
                lines.add(status.viewers() + (status.viewers() == 1 ? " viewer" : " viewers"));
            }
            case DEVICE -> {
                lines.add("CubeKVM");
                lines.add(status.hidOnline() ? "HID online" : "HID offline");
                lines.add("");
                lines.add("");
            }
        }
        return lines;
    }

    void render(DeviceStatus status, MonoFrame frame) {
        frame.clear();
        List<String> lines = lines(status);
        for (int i = 0; i < lines.size() && i < MonoFrame.LINES; i++) {
            frame.text(i, lines.get(i));
        }
    }
}
