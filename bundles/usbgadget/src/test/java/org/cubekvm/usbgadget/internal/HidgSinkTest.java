package org.cubekvm.usbgadget.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.cubekvm.api.hid.HidListener;
import org.cubekvm.api.hid.KeyboardLeds;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HidgSinkTest {
    @TempDir
    Path dir;

    private static void await(BooleanSupplier condition) {
        Await.until("the sink to reach the expected state", condition);
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path path = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        return path;
    }

    @Test
    void aHostThatStopsReadingNeverBlocksTheCallerAndTheNewestReportsWin() throws Exception {
        // Nobody reads the FIFO: the writer thread blocks in open, as hidg blocks when the host does not poll.
        Path device = fifo("hidg0");
        HidgDevice keyboard = new HidgDevice(device, 8, null);
        keyboard.start();
        byte[] report = new byte[8];
        for (int i = 0; i < 100; i++) {
            report[2] = (byte) i;
            keyboard.offer(report, 0);
        }
        assertTrue(keyboard.dropped() >= 100 - HidgDevice.CAPACITY - 1, "dropped " + keyboard.dropped());
        // The host starts reading: what arrives is in order and ends with the newest report.
        List<Integer> seen = new ArrayList<>();
        try (InputStream host = Files.newInputStream(device)) {
            byte[] got = new byte[8];
            while (seen.isEmpty() || seen.get(seen.size() - 1) != 99) {
                int n = host.readNBytes(got, 0, 8);
                assertEquals(8, n);
                seen.add((int) got[2]);
            }
        }
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "in order: " + seen);
        }
        assertTrue(seen.size() <= HidgDevice.CAPACITY + 1, "only the newest reports: " + seen);
        keyboard.stop();
    }

    @Test
    void reportsHaveTheDescriptorsLayout() throws Exception {
        Path dev = dir.resolve("dev");
        Files.createDirectories(dev);
        for (String name : new String[] {"hidg0", "hidg1", "hidg2"}) {
            Files.createFile(dev.resolve(name));
        }
        HidgSink sink = new HidgSink(dev) {
            @Override
            KeyboardLedReader ledReader(Path path) {
                return new KeyboardLedReader(dir.resolve("no-leds"), bits -> { });
            }
        };
        AtomicInteger onlineEvents = new AtomicInteger();
        sink.addListener(new HidListener() {
            @Override
            public void ledsChanged(KeyboardLeds leds) {
            }

            @Override
            public void onlineChanged(boolean online) {
                onlineEvents.incrementAndGet();
            }
        });
        sink.start();
        sink.keyboard(new byte[] {9, 2, 0, 0x04, 0x05, 0, 0, 0, 0}, 1);
        sink.mouseRelative(0xff, 300, -300, 1);
        sink.mouseAbsolute(1, 0x1234, 40000, -1);
        await(() -> size(dev.resolve("hidg0")) == 8 && size(dev.resolve("hidg1")) == 4 && size(dev.resolve("hidg2")) == 6);
        assertEquals("0200040500000000", hex(dev.resolve("hidg0")));
        assertEquals("077f8101", hex(dev.resolve("hidg1")), "buttons masked, motion clamped to -127..127");
        assertEquals("013412ff7fff", hex(dev.resolve("hidg2")), "x, y little-endian, clamped to 32767");
        await(sink::online);
        assertEquals(1, onlineEvents.get());
        sink.stop();
    }

    @Test
    void aFailedOpenIsRetriedWithTheNextReport() throws Exception {
        Path device = dir.resolve("hidg1");
        Files.createFile(device);
        AtomicInteger opens = new AtomicInteger();
        HidgDevice mouse = new HidgDevice(device, 4, null) {
            @Override
            FileChannel open(Path path) throws IOException {
                if (opens.incrementAndGet() == 1) {
                    throw new IOException("ESHUTDOWN: the gadget is re-enumerating");
                }
                return super.open(path);
            }
        };
        mouse.start();
        mouse.offer(new byte[] {1, 1, 1, 1}, 0);
        await(() -> opens.get() == 1 && !mouse.online());
        mouse.offer(new byte[] {2, 2, 2, 2}, 0);
        await(mouse::online);
        assertArrayEquals(new byte[] {2, 2, 2, 2}, Files.readAllBytes(device));
        mouse.stop();
    }

    @Test
    void ledOutputReportsReachListeners() throws Exception {
        Path device = dir.resolve("hidg0");
        Files.write(device, new byte[] {0x02});
        List<KeyboardLeds> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        HidgSink sink = new HidgSink(dir) {
            @Override
            HidgDevice device(Path path, int length, HidgDevice.OnlineListener listener) {
                return new HidgDevice(path.resolveSibling(path.getFileName() + ".out"), length, listener);
            }
        };
        sink.addListener(new HidListener() {
            @Override
            public void ledsChanged(KeyboardLeds leds) {
                changes.add(leds);
            }

            @Override
            public void onlineChanged(boolean online) {
            }
        });
        sink.start();
        await(() -> !changes.isEmpty());
        assertEquals(new KeyboardLeds(false, true, false), changes.get(0));
        assertEquals(new KeyboardLeds(false, true, false), sink.leds());
        sink.stop();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String hex(Path file) throws IOException {
        return HexFormat.of().formatHex(Files.readAllBytes(file));
    }
}
