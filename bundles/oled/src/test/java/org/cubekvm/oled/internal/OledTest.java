package org.cubekvm.oled.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OledTest {
    static final DeviceStatus RUNNING = new DeviceStatus(List.of("192.0.2.42", "198.51.100.7"), true, true, 1920, 1080, 60,
            "h264", 2, true, null);
    static final DeviceStatus FIRST_START = new DeviceStatus(List.of("192.0.2.42"), true, false, 0, 0, 0, "idle", 0,
            false, "ABCD-EFGH-JKLM");

    /** Every I2C write, as the panel's bus saw it. */
    private final List<byte[]> writes = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();

    static DeviceStatus statusFor(StatusPages page) {
        return page == StatusPages.SETUP ? FIRST_START : RUNNING;
    }

    /** Reads a P1 (ASCII) PBM test resource as a 128×64 frame. */
    static MonoFrame golden(String name) throws IOException {
        try (InputStream in = OledTest.class.getResourceAsStream("/golden/" + name + ".pbm")) {
            assertNotNull(in, "golden image " + name + ".pbm");
            String[] tokens = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("#[^\n]*", "").trim()
                    .split("\\s+");
            assertEquals("P1", tokens[0]);
            assertEquals("128", tokens[1]);
            assertEquals("64", tokens[2]);
            MonoFrame frame = new MonoFrame();
            String bits = String.join("", java.util.Arrays.copyOfRange(tokens, 3, tokens.length));
            assertEquals(128 * 64, bits.length());
            for (int i = 0; i < bits.length(); i++) {
                frame.set(i % 128, i / 128, bits.charAt(i) == '1');
            }
            return frame;
        }
    }

    @ParameterizedTest
    @EnumSource(StatusPages.class)
    void eachPageMatchesItsGoldenImage(StatusPages page) throws IOException {
        MonoFrame frame = new MonoFrame();
        page.render(statusFor(page), frame);
        assertArrayEquals(golden(page.name().toLowerCase(java.util.Locale.ROOT)).bytes(), frame.bytes(), page
                + " differs from src/test/resources/golden; see PbmWriter to look at it");
    }

    @Test
    void thePngShowsExactlyTheBytesSentOverI2c() throws IOException {
        AtomicReference<DeviceStatus> status = new AtomicReference<>(RUNNING);
        VirtualPanel panel = new VirtualPanel(writes::add);
        OledService service = new OledService(new OledSettings(true, 60, 5), panel, status::get, nanos::get, false);
        service.tick();
        assertEquals(StatusPages.NETWORK, service.page());
        // What went over the bus: the init commands, the window, then 64 data writes of 16 bytes.
        byte[] sent = dataBytes();
        assertEquals(MonoFrame.BYTES, sent.length);
        MonoFrame expected = new MonoFrame();
        StatusPages.NETWORK.render(RUNNING, expected);
        assertArrayEquals(expected.bytes(), sent, "the rendered buffer went out unchanged");
        assertArrayEquals(sent, pngPixels(MonoPng.encode(panel.ram(), panel.isOn())), "frame.png is the sent buffer");

        writes.clear();
        service.tick();
        assertEquals(StatusPages.VIDEO, service.page(), "pages cycle");
        assertArrayEquals(dataBytes(), pngPixels(MonoPng.encode(panel.ram(), panel.isOn())));
    }

    @Test
    void sleepsWithoutChangesAndWakesOnOne() throws IOException {
        AtomicReference<DeviceStatus> status = new AtomicReference<>(RUNNING);
        VirtualPanel panel = new VirtualPanel(writes::add);
        OledService service = new OledService(new OledSettings(true, 60, 5), panel, status::get, nanos::get, false);
        service.tick();
        assertTrue(panel.isOn());
        nanos.addAndGet(59_000_000_000L);
        service.tick();
        assertTrue(panel.isOn());
        nanos.addAndGet(1_000_000_000L);
        writes.clear();
        service.tick();
        assertFalse(panel.isOn(), "asleep after 60 s without a change");
        assertEquals(1, writes.size());
        assertArrayEquals(new byte[] {0x00, (byte) 0xAE}, writes.get(0), "display off, nothing else sent");
        assertTrue(pngIsDark(MonoPng.encode(panel.ram(), panel.isOn())), "frame.png shows the dark panel");
        status.set(new DeviceStatus(RUNNING.addresses(), true, true, 1920, 1080, 60, "h264", 3, true, null));
        service.tick();
        assertTrue(panel.isOn(), "a new viewer wakes it");
    }

    @Test
    void withoutAPanelNothingRunsAndLookingRefreshesOncePerCycle() {
        AtomicReference<DeviceStatus> status = new AtomicReference<>(RUNNING);
        VirtualPanel panel = new VirtualPanel(null);
        OledService service = new OledService(new OledSettings(true, 60, 5), panel, status::get, nanos::get, false);
        assertFalse(service.running(), "no thread without a physical panel");
        assertEquals(null, service.page(), "nothing rendered before someone looks");
        service.refreshIfDue();
        assertEquals(StatusPages.NETWORK, service.page());
        assertArrayEquals(rendered(StatusPages.NETWORK), pngPixels(MonoPng.encode(panel.ram(), panel.isOn())));
        nanos.addAndGet(4_999_000_000L);
        service.refreshIfDue();
        assertEquals(StatusPages.NETWORK, service.page(), "a page stays cycleSeconds, however often it is looked at");
        nanos.addAndGet(1_000_000L);
        service.refreshIfDue();
        assertEquals(StatusPages.VIDEO, service.page(), "the next page after cycleSeconds");
        assertArrayEquals(rendered(StatusPages.VIDEO), pngPixels(MonoPng.encode(panel.ram(), panel.isOn())));
    }

    private static byte[] rendered(StatusPages page) {
        MonoFrame frame = new MonoFrame();
        page.render(RUNNING, frame);
        return frame.bytes();
    }

    @Test
    void theFirstStartShowsTheSetupCode() throws IOException {
        VirtualPanel panel = new VirtualPanel(null);
        OledService service = new OledService(new OledSettings(true, 0, 5), panel, () -> FIRST_START, nanos::get, false);
        service.tick();
        assertEquals(StatusPages.SETUP, service.page());
        assertEquals(List.of("Setup code:", "ABCD-EFGH-JKLM", "Open in browser:", "192.0.2.42"),
                StatusPages.SETUP.lines(FIRST_START));
    }

    @Test
    void settingsAreMergedAndValidated() {
        OledSettings settings = new OledSettings(true, 60, 5);
        assertEquals(new OledSettings(false, 60, 5), settings.merge(JsonParser.parseString("{\"enabled\":false}").getAsJsonObject()));
        assertEquals(new OledSettings(true, 0, 5), settings.merge(JsonParser.parseString("{\"sleepAfterSeconds\":0}").getAsJsonObject()));
        for (String bad : List.of("{\"enabled\":1}", "{\"sleepAfterSeconds\":-1}", "{\"sleepAfterSeconds\":1.5}",
                "{\"sleepAfterSeconds\":86401}", "{\"brightness\":3}")) {
            assertThrows(IllegalArgumentException.class, () -> settings.merge(JsonParser.parseString(bad).getAsJsonObject()), bad);
        }
    }

    /** The data bytes of every 0x40 write, in order. */
    private byte[] dataBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] write : writes) {
            if (write[0] == Ssd1306.DATA) {
                out.write(write, 1, write.length - 1);
            }
        }
        return out.toByteArray();
    }

    /** Decodes our PNG (checked as a PNG: signature, IHDR 128×64 1-bit gray) back into panel page layout. */
    static byte[] pngPixels(byte[] png) {
        ByteBuffer in = ByteBuffer.wrap(png);
        assertEquals(0x89504E47, in.getInt());
        in.getInt();
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        while (in.hasRemaining()) {
            int length = in.getInt();
            byte[] type = new byte[4];
            in.get(type);
            byte[] data = new byte[length];
            in.get(data);
            in.getInt();
            String name = new String(type, StandardCharsets.US_ASCII);
            if (name.equals("IHDR")) {
                ByteBuffer header = ByteBuffer.wrap(data);
                assertEquals(128, header.getInt());
                assertEquals(64, header.getInt());
                assertEquals(1, header.get(), "bit depth");
                assertEquals(0, header.get(), "grayscale");
            } else if (name.equals("IDAT")) {
                idat.writeBytes(data);
            }
        }
        Inflater inflater = new Inflater();
        inflater.setInput(idat.toByteArray());
        byte[] raw = new byte[64 * 17];
        try {
            assertEquals(raw.length, inflater.inflate(raw));
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
        MonoFrame frame = new MonoFrame();
        for (int y = 0; y < 64; y++) {
            assertEquals(0, raw[y * 17], "filter none");
            for (int x = 0; x < 128; x++) {
                frame.set(x, y, (raw[y * 17 + 1 + x / 8] & (0x80 >> (x % 8))) != 0);
            }
        }
        return frame.bytes();
    }

    static boolean pngIsDark(byte[] png) {
        for (byte b : pngPixels(png)) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
