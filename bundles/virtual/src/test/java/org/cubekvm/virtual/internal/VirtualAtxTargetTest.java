package org.cubekvm.virtual.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cubekvm.api.atx.AtxButton;
import org.cubekvm.api.atx.AtxLeds;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualAtxTargetTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Machine machine = new Machine("en-US");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final VirtualAtxTarget atx = new VirtualAtxTarget(machine.power, nanos::get, timer);
    private final List<AtxLeds> seen = new CopyOnWriteArrayList<>();

    VirtualAtxTargetTest() {
        atx.addListener(seen::add);
    }

    @AfterEach
    void stop() {
        atx.deactivate();
    }

    @Test
    void aPressTurnsARunningMachineOffWhenLetGoAndAnotherStartsIt() throws Exception {
        atx.press(AtxButton.POWER);
        assertTrue(machine.power.isOn(), "nothing happens until the button is let go");
        nanos.addAndGet(200_000_000L);
        atx.release(AtxButton.POWER);
        assertFalse(machine.power.isOn());
        assertEquals(new AtxLeds(false, false), atx.leds());
        assertTrue(machine.content().rowText(720 / 16 / 2).contains("no signal"));

        atx.press(AtxButton.POWER);
        assertTrue(machine.power.isOn(), "an ATX board starts on the press");
        atx.release(AtxButton.POWER);
        assertTrue(machine.power.isOn(), "and letting go does not stop it again");
        assertTrue(machine.content().rowText(2).contains("BIOS"), "it boots: BIOS text");
        assertTrue(atx.leds().power());
        // Booting reads the disk: the HDD LED blinks and ends dark.
        awaitSeen(new AtxLeds(true, true));
        Await.until("the HDD LED to blink " + VirtualAtxTarget.BOOT_BLINKS + " times and end dark",
                () -> !seen.get(seen.size() - 1).hdd() && seen.stream().filter(AtxLeds::hdd).count() >= VirtualAtxTarget.BOOT_BLINKS);
        assertEquals(new AtxLeds(false, false), seen.get(0), "the listener heard power off first");
    }

    @Test
    void holdingForcesOffAndResetRebootsOnlyARunningMachine() {
        atx.press(AtxButton.POWER);
        nanos.addAndGet(VirtualAtxTarget.FORCE_OFF_NANOS + 1);
        atx.release(AtxButton.POWER);
        assertFalse(machine.power.isOn());
        atx.press(AtxButton.RESET);
        atx.release(AtxButton.RESET);
        assertFalse(machine.power.isOn(), "reset does not start a machine that is off");
        atx.press(AtxButton.POWER);
        atx.release(AtxButton.POWER);
        machine.type("abc");
        assertEquals("abc", machine.typed());
        atx.press(AtxButton.RESET);
        assertEquals("abc", machine.typed(), "reset acts when let go");
        atx.release(AtxButton.RESET);
        assertTrue(machine.power.isOn());
        assertEquals("", machine.typed(), "rebooted");
        atx.release(AtxButton.RESET);
        atx.release(AtxButton.POWER);
        assertTrue(machine.power.isOn(), "releasing a button that is up does nothing");
    }

    /**
     * The last LEDs a listener hears are the machine's: a blink of the HDD LED told on the timer's
     * thread while the machine is switched off on another must not reach the listener after the
     * power-off (the page's LEDs stayed lit on a machine that was off). The listener holds the blink's
     * telling until the power-off has either been told or is waiting behind it.
     */
    @Test
    void theLastLedsHeardAreTheMachinesWhenABlinkAndAPowerOffAreToldAtTheSameTime() throws Exception {
        CountDownLatch blinkBeingTold = new CountDownLatch(1);
        CountDownLatch letBlinkGo = new CountDownLatch(1);
        List<AtxLeds> heard = new CopyOnWriteArrayList<>();
        ScheduledExecutorService namedTimer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-hdd-timer"));
        VirtualAtxTarget target = new VirtualAtxTarget(machine.power, nanos::get, namedTimer);
        target.addListener(leds -> {
            if (leds.hdd() && Thread.currentThread().getName().equals("test-hdd-timer")) {
                blinkBeingTold.countDown();
                try {
                    letBlinkGo.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            heard.add(leds);
        });
        try {
            target.diskRead(); // the HDD LED lights on the timer's thread, whose telling now waits in the listener
            assertTrue(blinkBeingTold.await(10, TimeUnit.SECONDS));
            Thread off = new Thread(machine.power::pressPower, "test-power-off");
            off.start();
            Await.until("the power-off told, or waiting behind the blink's telling",
                    () -> heard.contains(new AtxLeds(false, false)) || off.getState() == Thread.State.BLOCKED);
            letBlinkGo.countDown();
            off.join(10_000);
            assertFalse(machine.power.isOn());
            Await.until("both told", () -> heard.size() >= 2);
            assertEquals(new AtxLeds(false, false), heard.get(heard.size() - 1),
                    "the last LEDs heard are the machine's, off and dark: " + heard);
        } finally {
            target.deactivate();
        }
    }

    private void awaitSeen(AtxLeds leds) {
        Await.until("the listener to hear " + leds, () -> seen.contains(leds));
    }
}
