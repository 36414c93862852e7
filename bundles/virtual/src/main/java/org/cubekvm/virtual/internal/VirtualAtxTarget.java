package org.cubekvm.virtual.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.cubekvm.api.atx.AtxButton;
import org.cubekvm.api.atx.AtxLedListener;
import org.cubekvm.api.atx.AtxLeds;
import org.cubekvm.api.atx.AtxTarget;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual machine's front panel as the profile's {@link AtxTarget} (the device's GPIO
 * provider has the same component name and PID). Behaves like an ATX board: a press of the
 * power button starts a machine that is off at once; a running machine shuts down when the
 * button is let go, at once whether it was pressed briefly (the virtual OS needs no time to shut
 * down) or held past {@link #FORCE_OFF_NANOS} (forced off). Reset reboots a running machine when
 * let go. The power LED is the machine's power; the HDD LED blinks while it boots (the BIOS
 * reads its disk) and whenever {@link #diskRead()} is called.
 */
@Component(name = AtxTarget.COMPONENT_NAME, service = {AtxTarget.class, VirtualAtxTarget.class}, immediate = true)
public class VirtualAtxTarget implements AtxTarget, VirtualPower.Listener {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.virtual");
    static final long FORCE_OFF_NANOS = 4_000_000_000L;
    static final String THREAD_NAME = "virtual-atx-hdd";
    /** Boot reads the disk: this many on/off blinks, {@link #BLINK_MILLIS} each half. */
    static final int BOOT_BLINKS = 4;
    static final long BLINK_MILLIS = 100;

    private final VirtualPower power;
    private final LongSupplier nanoTime;
    private final List<AtxLedListener> listeners = new CopyOnWriteArrayList<>();
    /**
     * Held while the LEDs are read and told to the listeners, so that the last state a listener hears
     * is the current one: without it the HDD timer could read "on, lit", a power-off could then be read
     * and told, and the timer's older reading be told after it (the page's LEDs stayed lit on a machine
     * that was off).
     */
    private final Object notifying = new Object();
    private final ScheduledExecutorService hddTimer;
    private final List<ScheduledFuture<?>> blinking = new ArrayList<>();
    /** Bumped when blinking is cancelled: a step of an older generation does nothing. */
    private int generation;
    private int pendingSteps;
    // Guarded by this.
    private long powerDownAt = -1;
    private boolean startedByThisPress;
    private boolean resetDown;
    private boolean hdd;

    @Activate
    public VirtualAtxTarget(@Reference VirtualPower power) {
        this(power, System::nanoTime, Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        }));
    }

    VirtualAtxTarget(VirtualPower power, LongSupplier nanoTime, ScheduledExecutorService hddTimer) {
        this.power = power;
        this.nanoTime = nanoTime;
        this.hddTimer = hddTimer;
        power.addListener(this);
    }

    @Deactivate
    void deactivate() {
        power.removeListener(this);
        hddTimer.shutdownNow();
    }

    @Override
    public void press(AtxButton button) {
        if (button == AtxButton.RESET) {
            synchronized (this) {
                resetDown = true;
            }
            return;
        }
        boolean start;
        synchronized (this) {
            if (powerDownAt >= 0) {
                return;
            }
            powerDownAt = nanoTime.getAsLong();
            start = !power.isOn();
            startedByThisPress = start;
        }
        if (start) {
            power.pressPower();
        }
    }

    @Override
    public void release(AtxButton button) {
        if (button == AtxButton.RESET) {
            boolean wasDown;
            synchronized (this) {
                wasDown = resetDown;
                resetDown = false;
            }
            if (wasDown) {
                power.pressReset();
            }
            return;
        }
        long heldNanos;
        boolean stop;
        synchronized (this) {
            if (powerDownAt < 0) {
                return;
            }
            heldNanos = nanoTime.getAsLong() - powerDownAt;
            powerDownAt = -1;
            stop = !startedByThisPress && power.isOn();
        }
        if (stop) {
            if (heldNanos >= FORCE_OFF_NANOS) {
                LOG.info("power button held {} ms: forced off", heldNanos / 1_000_000);
            }
            power.pressPower();
        }
    }

    @Override
    public synchronized AtxLeds leds() {
        return new AtxLeds(power.isOn(), hdd);
    }

    @Override
    public void addListener(AtxLedListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(AtxLedListener listener) {
        listeners.remove(listener);
    }

    /** The machine read its disk (virtual media call this): the HDD LED flashes once. */
    public void diskRead() {
        if (!power.isOn()) {
            return;
        }
        synchronized (this) {
            if (pendingSteps > 0) {
                return; // already blinking
            }
            schedule(0, true);
            schedule(BLINK_MILLIS, false);
        }
    }

    @Override
    public void powerChanged(boolean on) {
        synchronized (this) {
            cancelBlinking();
            hdd = false;
            if (on) {
                blinkForBoot();
            }
        }
        notifyListeners();
    }

    @Override
    public void reset() {
        synchronized (this) {
            cancelBlinking();
            blinkForBoot();
        }
    }

    private void blinkForBoot() {
        for (int i = 0; i < BOOT_BLINKS * 2; i++) {
            schedule(i * BLINK_MILLIS, i % 2 == 0);
        }
    }

    private void schedule(long delayMillis, boolean lit) {
        int of = generation;
        try {
            blinking.add(hddTimer.schedule(() -> hdd(of, lit), delayMillis, TimeUnit.MILLISECONDS));
            pendingSteps++;
        } catch (RejectedExecutionException e) {
            // deactivated: no more blinking
        }
    }

    private void cancelBlinking() {
        for (ScheduledFuture<?> future : blinking) {
            future.cancel(false);
        }
        blinking.clear();
        pendingSteps = 0;
        generation++;
    }

    private void hdd(int of, boolean lit) {
        synchronized (this) {
            if (of != generation) {
                return;
            }
            if (--pendingSteps == 0) {
                blinking.clear();
            }
            if (hdd == lit) {
                return;
            }
            hdd = lit;
        }
        notifyListeners();
    }

    private void notifyListeners() {
        synchronized (notifying) {
            AtxLeds now = leds();
            for (AtxLedListener listener : listeners) {
                try {
                    listener.ledsChanged(now);
                } catch (RuntimeException e) {
                    LOG.warn("an ATX LED listener failed: {}", e.toString());
                }
            }
        }
    }
}
