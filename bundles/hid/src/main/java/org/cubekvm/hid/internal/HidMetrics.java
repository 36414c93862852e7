package org.cubekvm.hid.internal;

import org.cubekvm.api.metrics.MetricsContributor;
import org.cubekvm.api.metrics.MetricsWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** HID reports received, written and dropped, malformed messages and whether a sink is online, for {@code /metrics}. */
@Component(service = MetricsContributor.class)
public class HidMetrics implements MetricsContributor {
    private final HidHub hub;

    @Activate
    public HidMetrics(@Reference HidHub hub) {
        this.hub = hub;
    }

    @Override
    public void collect(MetricsWriter out) {
        HidCounters c = hub.counters();
        String received = "HID reports received from clients by device";
        out.counter("cubekvm_hid_reports_received", "", received, c.keyboardReports.sum(), "device", "keyboard");
        out.counter("cubekvm_hid_reports_received", "", received, c.mouseReports.sum(), "device", "pointer");
        String written = "HID reports written to the sink by device";
        out.counter("cubekvm_hid_reports_written", "", written, c.keyboardWritten.sum(), "device", "keyboard");
        out.counter("cubekvm_hid_reports_written", "", written, c.pointerWritten.sum(), "device", "pointer");
        String dropped = "HID reports dropped (queue full) by device";
        out.counter("cubekvm_hid_reports_dropped", "", dropped, c.keyboardDropped.sum(), "device", "keyboard");
        out.counter("cubekvm_hid_reports_dropped", "", dropped, c.pointerDropped.sum(), "device", "pointer");
        out.counter("cubekvm_hid_messages_malformed", "", "Malformed HID WebSocket messages", c.malformed.sum());
        out.gauge("cubekvm_hid_online", "", "1 while the HID sink accepts reports", hub.online() ? 1 : 0);
    }
}
