package org.cubekvm.virtual.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual machine's power: on at start, the power button toggles it (the virtual OS shuts
 * down at once), reset reboots a running machine. Kept apart from the screen and the keyboard
 * so the ATX bundle can drive it later; internal until then.
 */
@Component(name = "org.cubekvm.virtual.power", service = VirtualPower.class, immediate = true)
public class VirtualPower {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.virtual");

    /** Told about power changes, on the thread that pressed the button. */
    interface Listener {
        void powerChanged(boolean on);

        /** A running machine was reset: it boots again without losing power. */
        void reset();
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private boolean on = true;

    public synchronized boolean isOn() {
        return on;
    }

    /** A short press of the power button. */
    public void pressPower() {
        boolean now;
        synchronized (this) {
            on = !on;
            now = on;
        }
        LOG.info("power {}", now ? "on" : "off");
        for (Listener listener : listeners) {
            listener.powerChanged(now);
        }
    }

    /** Wake-on-LAN: starts the machine if it is off. @return whether it was off */
    public boolean wake() {
        synchronized (this) {
            if (on) {
                return false;
            }
            on = true;
        }
        LOG.info("power on (woken)");
        for (Listener listener : listeners) {
            listener.powerChanged(true);
        }
        return true;
    }

    /** The reset button: reboots when on, does nothing when off (as on a real PC). */
    public void pressReset() {
        if (!isOn()) {
            return;
        }
        LOG.info("reset");
        for (Listener listener : listeners) {
            listener.reset();
        }
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    void removeListener(Listener listener) {
        listeners.remove(listener);
    }
}
