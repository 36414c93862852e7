package org.cubekvm.usbgadget.internal;

import java.nio.file.Path;
import org.cubekvm.api.hid.HidListener;
import org.cubekvm.api.hid.HidSink;
import org.cubekvm.api.hid.KeyboardLeds;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Registers {@link HidgSink} as the {@link HidSink} once the gadget is built, and stops it before the gadget goes. */
@Component(name = "org.cubekvm.usbgadget.hid", service = HidSink.class, immediate = true)
public class HidgSinkComponent implements HidSink {
    private final HidgSink sink;

    @Activate
    public HidgSinkComponent(@Reference UsbGadget gadget) {
        Path dev = gadget.dev();
        this.sink = new HidgSink(dev);
        sink.start();
    }

    @Deactivate
    void deactivate() {
        sink.stop();
    }

    @Override
    public void keyboard(byte[] report, int offset) {
        sink.keyboard(report, offset);
    }

    @Override
    public void mouseRelative(int buttons, int dx, int dy, int wheel) {
        sink.mouseRelative(buttons, dx, dy, wheel);
    }

    @Override
    public void mouseAbsolute(int buttons, int x, int y, int wheel) {
        sink.mouseAbsolute(buttons, x, y, wheel);
    }

    @Override
    public boolean online() {
        return sink.online();
    }

    @Override
    public KeyboardLeds leds() {
        return sink.leds();
    }

    @Override
    public void addListener(HidListener listener) {
        sink.addListener(listener);
    }

    @Override
    public void removeListener(HidListener listener) {
        sink.removeListener(listener);
    }
}
