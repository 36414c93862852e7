package org.cubekvm.usbgadget.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the keyboard's output reports (one LED byte: bit0 Num, bit1 Caps, bit2 Scroll) from
 * {@code /dev/hidg0} on its own named thread and hands each to a consumer. After an error it
 * waits {@value #RETRY_MILLIS} ms and opens the device again (the gadget may be re-enumerating).
 */
class KeyboardLedReader {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.usbgadget");
    static final long RETRY_MILLIS = 1000;

    private final Path device;
    private final IntConsumer leds;
    private final Thread reader;
    private volatile boolean stopped;
    private volatile InputStream current;

    KeyboardLedReader(Path device, IntConsumer leds) {
        this.device = device;
        this.leds = leds;
        this.reader = new Thread(this::readLoop, "usb-" + device.getFileName() + "-leds");
        this.reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    void stop() {
        stopped = true;
        reader.interrupt();
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // unblocks the reader where the device allows it
            }
        }
    }

    /** Seam: opens the device for reading. */
    InputStream open(Path path) throws IOException {
        return Files.newInputStream(path);
    }

    private void readLoop() {
        byte[] report = new byte[8];
        while (!stopped) {
            try (InputStream in = open(device)) {
                current = in;
                for (int n = in.read(report); n >= 0 && !stopped; n = in.read(report)) {
                    if (n >= 1) {
                        leds.accept(report[0] & 0xff);
                    }
                }
            } catch (IOException e) {
                if (!stopped) {
                    LOG.debug("usbgadget: reading LEDs from {} failed: {}", device, e.toString());
                }
            }
            current = null;
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
