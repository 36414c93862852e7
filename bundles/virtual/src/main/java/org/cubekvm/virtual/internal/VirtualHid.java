package org.cubekvm.virtual.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cubekvm.api.hid.HidListener;
import org.cubekvm.api.hid.HidSink;
import org.cubekvm.api.hid.KeyboardLayout;
import org.cubekvm.api.hid.KeyboardLayouts;
import org.cubekvm.api.hid.KeyboardLeds;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual machine's USB port: a {@link HidSink} that takes the reports a USB gadget would
 * send to a real host and acts as that host (keyboard with LEDs and layout, relative and
 * absolute mouse). Reports reach it only while it is powered on. Keyboard reports are
 * serialized by one lock, pointer reports by the screen's; listeners are called outside both.
 */
@Component(name = "org.cubekvm.virtual.hid", configurationPid = MachineSettings.PID,
        service = {HidSink.class, VirtualHid.class}, immediate = true)
public class VirtualHid implements HidSink, VirtualPower.Listener {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.virtual");
    private static final int MOUSE_BUTTONS = 0x07;

    private final KeyboardLayouts layouts;
    private final ScreenContent screen;
    private final VirtualPower power;
    private final UsbKeyboardHost keyboard;
    private final List<HidListener> listeners = new CopyOnWriteArrayList<>();
    private volatile String layoutId;

    @Activate
    public VirtualHid(VirtualSettings settings, @Reference KeyboardLayouts layouts, @Reference VirtualScreen screen,
            @Reference VirtualPower power) {
        this(layouts, screen.content(), power, MachineSettings.configuredLayout(layouts, settings));
        power.addListener(this);
    }

    VirtualHid(KeyboardLayouts layouts, ScreenContent screen, VirtualPower power, String layoutId) {
        this.layouts = layouts;
        this.screen = screen;
        this.power = power;
        this.keyboard = new UsbKeyboardHost(resolve(layoutId));
        this.layoutId = layoutId;
        screen.layout(layoutId);
    }

    @Modified
    void modified(VirtualSettings settings) {
        layout(MachineSettings.configuredLayout(layouts, settings));
    }

    @Deactivate
    void deactivate() {
        power.removeListener(this);
    }

    /** Switches the layout the host interprets key codes with. */
    void layout(String id) {
        KeyboardLayout layout = resolve(id);
        synchronized (keyboard) {
            if (id.equals(layoutId)) {
                return;
            }
            keyboard.layout(layout);
            layoutId = id;
        }
        screen.layout(id);
        LOG.info("keyboard layout is now {}", id);
    }

    String layoutId() {
        return layoutId;
    }

    @Override
    public void keyboard(byte[] report, int offset) {
        if (report == null || offset < 0 || offset > report.length - UsbKeyboardHost.REPORT_LENGTH) {
            throw new IllegalArgumentException("a boot keyboard report is " + UsbKeyboardHost.REPORT_LENGTH
                    + " bytes; got " + (report == null ? "none" : (report.length - offset) + " from offset " + offset));
        }
        if (!power.isOn()) {
            return; // like a gadget whose host is off: the report goes nowhere
        }
        KeyboardLeds changed = null;
        synchronized (keyboard) {
            if (keyboard.report(report, offset, screen)) {
                changed = keyboard.leds();
            }
        }
        if (changed != null) {
            screen.leds(changed);
            for (HidListener listener : listeners) {
                listener.ledsChanged(changed);
            }
        }
    }

    @Override
    public void mouseRelative(int buttons, int dx, int dy, int wheel) {
        check("dx", dx, -127, 127);
        check("dy", dy, -127, 127);
        check("wheel", wheel, -127, 127);
        if (power.isOn()) {
            screen.pointerRelative(buttons & MOUSE_BUTTONS, dx, dy);
        }
    }

    @Override
    public void mouseAbsolute(int buttons, int x, int y, int wheel) {
        check("x", x, 0, PointerPosition.ABSOLUTE_MAX);
        check("y", y, 0, PointerPosition.ABSOLUTE_MAX);
        check("wheel", wheel, -127, 127);
        if (power.isOn()) {
            screen.pointerAbsolute(buttons & MOUSE_BUTTONS, x, y);
        }
    }

    @Override
    public boolean online() {
        return power.isOn();
    }

    @Override
    public KeyboardLeds leds() {
        return keyboard.leds();
    }

    /** What the host sees held right now: key usages and modifier bits. */
    VirtualState.Held held() {
        synchronized (keyboard) {
            return new VirtualState.Held(keyboard.heldKeys(), keyboard.heldModifiers());
        }
    }

    @Override
    public void addListener(HidListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(HidListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void powerChanged(boolean on) {
        resetKeyboard();
        for (HidListener listener : listeners) {
            listener.onlineChanged(on);
        }
    }

    @Override
    public void reset() {
        resetKeyboard();
    }

    private void resetKeyboard() {
        KeyboardLeds before;
        synchronized (keyboard) {
            before = keyboard.leds();
            keyboard.reset();
        }
        // A booting host starts with its LEDs off.
        screen.leds(KeyboardLeds.OFF);
        if (!before.equals(KeyboardLeds.OFF)) {
            for (HidListener listener : listeners) {
                listener.ledsChanged(KeyboardLeds.OFF);
            }
        }
    }

    private KeyboardLayout resolve(String id) {
        return layouts.layout(MachineSettings.checkLayout(layouts, id));
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
        }
    }
}
