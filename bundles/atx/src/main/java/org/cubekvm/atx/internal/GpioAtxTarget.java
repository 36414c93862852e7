package org.cubekvm.atx.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cubekvm.api.atx.AtxButton;
import org.cubekvm.api.atx.AtxLedListener;
import org.cubekvm.api.atx.AtxLeds;
import org.cubekvm.api.atx.AtxTarget;
import org.cubekvm.api.gpio.GpioChips;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's front panel as GPIO lines: the profile's {@link AtxTarget} on the device (the
 * virtual machine's has the same component name and PID on a PC). A button line is requested
 * as an output when pressed and released when let go, so between actions no line is held; the
 * LED inputs are requested once and read every {@code ledPollMillis} on the thread
 * {@value #THREAD_NAME}. Stopping releases every line, a held button first driven inactive.
 * <p>
 * Configuration is required (config/sg2002 carries it), so on a PC, where the virtual bundle
 * provides the target, this component stays inactive.
 */
@Component(name = AtxTarget.COMPONENT_NAME, service = AtxTarget.class, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = GpioAtxConfig.class)
public class GpioAtxTarget implements AtxTarget {
    static final String PID_HINT = AtxTarget.COMPONENT_NAME;
    static final String THREAD_NAME = "atx-gpio-leds";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.atx");

    private final GpioLines gpio;
    private final BoardPins pins;
    private final Map<AtxButton, GpioLines.Line> held = new EnumMap<>(AtxButton.class);
    private final List<AtxLedListener> listeners = new CopyOnWriteArrayList<>();
    private final GpioLines.Line powerLed;
    private final GpioLines.Line hddLed;
    private final ScheduledExecutorService poller;
    private volatile AtxLeds leds = new AtxLeds(false, false);

    @Activate
    public GpioAtxTarget(GpioAtxConfig config,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) GpioChips chips) throws IOException {
        this(backend(config, chips), pinsOf(config), config.ledPollMillis(), true);
    }

    /** The character device when the native bundle offers it and the chips are found, else sysfs. */
    static GpioLines backend(GpioAtxConfig config, GpioChips chips) {
        Path sysfs = Path.of(config.sysfsRoot());
        if (chips != null && Files.isDirectory(Path.of("/dev")) && Files.exists(Path.of("/dev/gpiochip0"))) {
            LOG.info("atx: GPIO through the character device (/dev/gpiochipN)");
            return new CharDeviceGpio(chips, sysfs, Path.of("/dev"));
        }
        LOG.info("atx: GPIO through sysfs ({}): {}", sysfs, chips == null ? "the native bundle offers no GPIO chips"
                : "no /dev/gpiochip0");
        return new SysfsGpio(sysfs);
    }

    GpioAtxTarget(GpioLines gpio, BoardPins pins, int ledPollMillis, boolean poll) throws IOException {
        if (ledPollMillis < 20 || ledPollMillis > 2000) {
            throw new IllegalArgumentException("atx: configuration " + PID_HINT + ": ledPollMillis must be 20..2000, was "
                    + ledPollMillis);
        }
        this.gpio = gpio;
        this.pins = pins.checked();
        this.powerLed = pins.powerLed() < 0 ? null : gpio.input(pins.powerLed(), "cubekvm-atx-power-led");
        this.hddLed = pins.hddLed() < 0 ? null : gpio.input(pins.hddLed(), "cubekvm-atx-hdd-led");
        LOG.info("atx: {} board: power button gpio{}, reset gpio{}, power LED {}, HDD LED {}", pins.board(), pins.power(),
                pins.reset(), pins.powerLed() < 0 ? "none" : "gpio" + pins.powerLed(),
                pins.hddLed() < 0 ? "none" : "gpio" + pins.hddLed());
        readLeds();
        if (poll) {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, THREAD_NAME);
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::safeReadLeds, ledPollMillis, ledPollMillis, TimeUnit.MILLISECONDS);
        } else {
            poller = null;
        }
    }

    static BoardPins pinsOf(GpioAtxConfig config) {
        String board;
        try {
            Path file = Path.of(config.hardwareFile());
            board = BoardPins.boardOf(Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII) : null);
        } catch (IOException e) {
            throw new IllegalArgumentException("atx: " + config.hardwareFile() + " could not be read: " + e.getMessage(), e);
        }
        try {
            return BoardPins.forBoard(board)
                    .overriddenBy(config.powerPin(), config.resetPin(), config.powerLedPin(), config.hddLedPin()).checked();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("atx: " + e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        if (poller != null) {
            poller.shutdownNow();
        }
        for (AtxButton button : AtxButton.values()) {
            try {
                release(button);
            } catch (IOException e) {
                LOG.error("atx: releasing the {} line failed: {}", button.id(), e.toString());
            }
        }
        closeQuietly(powerLed);
        closeQuietly(hddLed);
    }

    @Override
    public synchronized void press(AtxButton button) throws IOException {
        if (held.containsKey(button)) {
            return;
        }
        int number = button == AtxButton.POWER ? pins.power() : pins.reset();
        held.put(button, gpio.output(number, "cubekvm-atx-" + button.id(), pins.level(true, pins.buttonsActiveLow())));
    }

    @Override
    public synchronized void release(AtxButton button) throws IOException {
        GpioLines.Line line = held.remove(button);
        if (line == null) {
            return;
        }
        try {
            line.set(pins.level(false, pins.buttonsActiveLow()));
        } finally {
            line.close();
        }
    }

    @Override
    public AtxLeds leds() {
        return leds;
    }

    @Override
    public void addListener(AtxLedListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(AtxLedListener listener) {
        listeners.remove(listener);
    }

    private void safeReadLeds() {
        try {
            readLeds();
        } catch (IOException | RuntimeException e) {
            LOG.warn("atx: reading the LEDs failed: {}", e.toString());
        }
    }

    /** Reads both LED inputs; tells the listeners when either changed. */
    void readLeds() throws IOException {
        boolean power = powerLed != null && isActive(powerLed);
        boolean hdd = hddLed != null && isActive(hddLed);
        AtxLeds now = new AtxLeds(power, hdd);
        if (now.equals(leds)) {
            return;
        }
        leds = now;
        for (AtxLedListener listener : listeners) {
            listener.ledsChanged(now);
        }
    }

    private boolean isActive(GpioLines.Line line) throws IOException {
        return line.get() == pins.level(true, pins.ledsActiveLow());
    }

    private static void closeQuietly(GpioLines.Line line) {
        if (line != null) {
            try {
                line.close();
            } catch (IOException e) {
                LOG.warn("atx: releasing {} failed: {}", line, e.toString());
            }
        }
    }
}
