package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.lang.ref.WeakReference;
import org.cubekvm.testsupport.Await;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Hot swap of the device-side feature bundles (atx, oled, media, usbgadget) under a running MJPEG
 * and H.264 viewer (virtual profile). Each bundle is updated and refreshed; after each, both
 * streams keep delivering frames, the bundle works again and no class loader of its old revision
 * stays reachable. What each swap must leave:
 * <ul>
 * <li>atx, updated in the middle of a 15 s hold of the power button: the line is released (the
 * next short press is a whole press-and-release again, so it switches the running machine off;
 * with a line left down the press would be swallowed);</li>
 * <li>media, with an image mounted: the medium stays mounted (the LUN, not the store, holds it),
 * and the new revision reports it and protects it (delete 409) — the decision in docs/media.md;</li>
 * <li>oled: the preview answers, and on this profile (no panel) no {@code oled-display} thread runs;</li>
 * <li>usbgadget (idle here: its configuration exists only on the device): stays active, no endpoint.</li>
 * </ul>
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeviceBundlesHotSwapIT extends PlatformTest {
    private static final String IMAGE = "swap-test.iso";

    @Test
    public void updatingTheDeviceBundlesUnderViewersKeepsStreamsAndReleasesTheirState() throws Exception {
        http.await("/api/snapshot", r -> r.status() == 200, "a first picture");
        http.await("/api/atx", r -> r.status() == 200, "atx");
        try (Viewers viewers = new Viewers()) {
            viewers.mjpeg(http, "mjpeg");
            viewers.h264(http, "h264");
            viewers.awaitMoreThan(viewers.counts(), "before any swap");

            // --- atx: updated while the power button is held --------------------------------------
            powerOff();
            atx("power", "{\"action\":\"hold\",\"durationMs\":15000}");
            // The machine was off, so the press starts it at once: the line is down now.
            awaitPower(true, "the held power button started the machine");
            swap("org.cubekvm.atx", viewers, () -> http.await("/api/atx", r -> r.status() == 200, "atx again"));
            Http.Response press = http.send("POST", "/api/atx/power", "{\"action\":\"press\"}", http.origin());
            assertEquals("a press right after the update: no action of the old revision is left running: " + press, 202,
                    press.status());
            awaitPower(false, "a short press after the update switched the machine off, so the held line was released");
            // Off, the machine shows no signal and the streams rightly send nothing: start it again.
            atx("power", "{\"action\":\"press\"}");
            awaitPower(true, "the machine runs again");
            viewers.awaitMoreThan(viewers.counts(), "after the machine started again");

            // --- media: updated with an image mounted ---------------------------------------------
            byte[] image = new byte[64 * 1024];
            Http.Response stored = http.sendBytes("PUT", "/api/media/images/" + IMAGE, "application/octet-stream", image);
            assertEquals("upload: " + stored, 201, stored.status());
            Http.Response mounted = http.send("POST", "/api/media/mount", "{\"name\":\"" + IMAGE + "\",\"mode\":\"cdrom\"}",
                    http.origin());
            assertEquals("mount: " + mounted, 200, mounted.status());
            try {
                swap("org.cubekvm.media", viewers, () -> http.await("/api/media", r -> r.status() == 200, "media again"));
                JsonElement kept = http.get("/api/media").object().get("mounted");
                assertTrue("the medium stays mounted across the update: " + kept, kept.isJsonObject());
                assertEquals(IMAGE, kept.getAsJsonObject().get("name").getAsString());
                JsonObject drive = http.get("/api/virtual/state").object().getAsJsonObject("media");
                assertNotNull("the virtual drive still holds it", drive);
                assertEquals(IMAGE, drive.get("name").getAsString());
                assertEquals("the new revision protects the mounted image", "mounted",
                        http.delete("/api/media/images/" + IMAGE).assertError(409).get("error").getAsString());
                Http.Response incoming = http.get("/api/media");
                assertFalse("no transfer left running: " + incoming, incoming.body().contains("\"running\""));
            } finally {
                http.post("/api/media/unmount");
                http.delete("/api/media/images/" + IMAGE);
            }
            assertTrue("ejected", http.get("/api/virtual/state").object().get("media").isJsonNull());

            // --- oled and usbgadget --------------------------------------------------------------
            swap("org.cubekvm.oled", viewers, () -> {
                Http.Response png = http.await("/api/oled/frame.png", r -> r.status() == 200, "oled preview again");
                assertEquals("image/png", png.contentType());
            });
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                assertFalse("no oled-display thread without a panel: " + thread, thread.getName().equals("oled-display"));
            }
            swap("org.cubekvm.usbgadget", viewers, () -> assertEquals("no gadget without its configuration", 404,
                    http.get("/api/usb").status()));
        }
    }

    interface Check {
        void run() throws Exception;
    }

    private void powerOff() {
        if (http.get("/api/virtual/state").object().get("power").getAsBoolean()) {
            atx("power", "{\"action\":\"press\"}");
            awaitPower(false, "the machine is off before the hold");
        }
    }

    /**
     * POSTs an ATX action, again while the previous one is still ending (409: its button is
     * released before it counts as over), until accepted or the deadline.
     */
    private void atx(String button, String body) {
        Http.Response[] last = new Http.Response[1];
        Await.until("POST /api/atx/" + button + " " + body + " accepted (409 while an earlier press runs)", Http.DEADLINE, () -> {
            last[0] = http.send("POST", "/api/atx/" + button, body, http.origin());
            if (last[0].status() == 202) {
                return true;
            }
            assertEquals("POST /api/atx/" + button + " " + body + ": " + last[0], 409, last[0].status());
            return false;
        });
    }

    private void awaitPower(boolean on, String what) {
        http.await("/api/virtual/state", r -> r.status() == 200 && r.object().get("power").getAsBoolean() == on, what);
    }

    private void swap(String name, Viewers viewers, Check worksAgain) throws Exception {
        Bundle bundle = Platform.bySymbolicName(context, name);
        assertNotNull(name + " is installed", bundle);
        assertEquals(name + " ACTIVE before the update", Bundle.ACTIVE, bundle.getState());
        long[] before = viewers.counts();
        WeakReference<ClassLoader> old = BundleSwap.update(context, bundle);
        assertEquals(name + " ACTIVE after the update", Bundle.ACTIVE, bundle.getState());
        worksAgain.run();
        viewers.awaitMoreThan(before, "after updating " + name);
        BundleSwap.awaitCollected(name, old);
    }
}
