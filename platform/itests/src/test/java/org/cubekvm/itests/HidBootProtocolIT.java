package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cubekvm.api.hid.UsbBootProtocol;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * {@code PUT /api/hid/settings} {@code bootProtocol} reaches the USB gadget's BIOS-mode service
 * through the framework: here a recording {@link UsbBootProtocol} stands in for the gadget (which
 * needs a configfs; its side, storing the setting and rebuilding the gadget on a fake configfs, is
 * {@code usbgadget}'s {@code BootProtocolRebuildTest}). The HID bundle picks the service up while
 * running, routes the setting to it, reports its value, answers 409 when it refuses, and lets go of
 * it when it leaves.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HidBootProtocolIT extends PlatformTest {
    private static final String SETTINGS = "/api/hid/settings";

    static final class RecordingGadget implements UsbBootProtocol {
        final List<Boolean> sets = new CopyOnWriteArrayList<>();
        volatile boolean enabled;
        volatile boolean forced;

        @Override
        public boolean enabled() {
            return enabled || forced;
        }

        @Override
        public boolean forcedByFlag() {
            return forced;
        }

        @Override
        public void set(boolean value) {
            if (!value && forced) {
                throw new IllegalStateException("BIOS mode is forced on by the flag file /boot/BIOS");
            }
            sets.add(value);
            enabled = value;
        }
    }

    @Test
    public void theHidSettingGoesToTheGadgetWhileOneIsRegistered() {
        http.await(SETTINGS, r -> r.status() == 200, "HID settings");
        RecordingGadget gadget = new RecordingGadget();
        ServiceRegistration<UsbBootProtocol> registration = context.registerService(UsbBootProtocol.class, gadget, null);
        try {
            // Bound dynamically: the GET reports the gadget's value (off) once the hub has it.
            http.await(SETTINGS, r -> r.status() == 200 && !r.object().get("bootProtocol").getAsBoolean(),
                    "the gadget's BIOS mode (off) in the HID settings");

            Http.Response on = http.send("PUT", SETTINGS, "{\"bootProtocol\":true}", http.origin());
            assertEquals("PUT: " + on, 200, on.status());
            assertEquals("the gadget was told once", List.of(true), gadget.sets);
            assertTrue(http.get(SETTINGS).object().get("bootProtocol").getAsBoolean());

            gadget.enabled = false;
            gadget.forced = true;
            Http.Response refused = http.send("PUT", SETTINGS, "{\"bootProtocol\":false,\"jiggler\":true}", http.origin());
            assertEquals("forced_by_flag", refused.assertError(409).get("error").getAsString());
            assertEquals("nothing more reached the gadget", List.of(true), gadget.sets);
            assertFalse("the refused change's other fields did not apply",
                    http.get(SETTINGS).object().get("jiggler").getAsBoolean());
        } finally {
            registration.unregister();
        }
        // Without a gadget (a PC) the setting is only stored by the HID bundle again.
        Http.Response alone = http.send("PUT", SETTINGS, "{\"bootProtocol\":false}", http.origin());
        assertEquals("PUT without a gadget: " + alone, 200, alone.status());
        assertFalse(http.get(SETTINGS).object().get("bootProtocol").getAsBoolean());
        assertEquals("the gone gadget heard nothing more", List.of(true), gadget.sets);
        http.send("PUT", SETTINGS, "{\"bootProtocol\":true}", http.origin());
    }
}
