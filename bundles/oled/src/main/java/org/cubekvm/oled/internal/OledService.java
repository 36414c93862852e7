package org.cubekvm.oled.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.cubekvm.api.hid.HidSink;
import org.cubekvm.api.i2c.I2cBuses;
import org.cubekvm.api.i2c.I2cDevice;
import org.cubekvm.api.rest.RestConstants;
import org.cubekvm.api.video.VideoCapture;
import org.cubekvm.api.video.VideoStatus;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the status display on the thread {@value #THREAD_NAME}: every {@code cycleSeconds} it
 * gathers the status, renders the next page into a {@link MonoFrame} and sends it through
 * {@link Ssd1306} to the panel. A change of the status (link, signal, viewers, HID, setup code)
 * wakes the panel; after {@code sleepAfterSeconds} without one it is switched off. Every write
 * goes through a {@link VirtualPanel} (passed on to the physical panel when there is one);
 * {@code frame.png} is drawn from its RAM. The thread runs only with a physical panel; without
 * one (a PC) the display is refreshed when looked at ({@link #refreshIfDue()}).
 */
@Component(service = OledService.class, configurationPid = OledService.PID, immediate = true)
@Designate(ocd = OledConfig.class)
public class OledService {
    static final String PID = "org.cubekvm.oled";
    static final String THREAD_NAME = "oled-display";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.oled");
    private static final long NEVER = Long.MIN_VALUE;

    private final VirtualPanel panel;
    private final Ssd1306 chip;
    private final Supplier<DeviceStatus> status;
    private final LongSupplier nanoTime;
    private final MonoFrame frame = new MonoFrame();
    private final ScheduledExecutorService timer;
    // Guarded by this.
    private OledSettings settings;
    private DeviceStatus lastStatus;
    private long lastChangeNanos;
    private int pageIndex = -1;
    private StatusPages page;
    private boolean panelOn;
    private boolean initialised;
    private long lastTickNanos = NEVER;

    @Activate
    public OledService(OledConfig config, BundleContext context,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) VideoCapture video,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) HidSink hid,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) I2cBuses buses) {
        this(validated(config), physicalPanel(config, buses), video, hid, context);
    }

    private OledService(OledSettings settings, I2cPanel physical, VideoCapture video, HidSink hid, BundleContext context) {
        this(settings, new VirtualPanel(physical), () -> gather(video, hid, context.getProperty(RestConstants.DATA_DIR_PROPERTY)),
                System::nanoTime, physical != null);
    }

    /** The panel on the configured I2C bus, or null (no bus configured, no I2C, or it does not open). */
    private static I2cPanel physicalPanel(OledConfig config, I2cBuses buses) {
        OledBoard board;
        try {
            board = OledBoard.resolve(config.i2cBus(), config.i2cAddress(), Path.of(config.hardwareFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("oled: hardwareFile " + config.hardwareFile() + " unreadable: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("oled: configuration " + PID + " refused: " + e.getMessage(), e);
        }
        if (board == null) {
            return null;
        }
        if (buses == null) {
            LOG.warn("oled: {} is configured but the native bundle offers no I2C; frame.png only", board.bus());
            return null;
        }
        try {
            I2cDevice device = buses.open(board.bus(), board.address());
            LOG.info("oled: SSD1306 on {} at 0x{} ({})", board.bus(), Integer.toHexString(board.address()), board.board());
            return new I2cDevPanel(device);
        } catch (IOException e) {
            LOG.warn("oled: the panel on {} could not be opened ({}); frame.png only", board.bus(), e.getMessage());
            return null;
        }
    }

    OledService(OledSettings settings, VirtualPanel panel, Supplier<DeviceStatus> status, LongSupplier nanoTime, boolean run) {
        this.settings = settings;
        this.panel = panel;
        this.chip = new Ssd1306(panel);
        this.status = status;
        this.nanoTime = nanoTime;
        this.lastChangeNanos = nanoTime.getAsLong();
        if (run) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, THREAD_NAME);
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::safeTick, 0, settings.cycleSeconds(), TimeUnit.SECONDS);
        } else {
            timer = null;
        }
    }

    private static OledSettings validated(OledConfig config) {
        try {
            return OledSettings.of(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("oled: configuration " + PID + " refused: " + e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            panel.close();
        } catch (IOException e) {
            LOG.warn("oled: closing the panel failed: {}", e.toString());
        }
    }

    synchronized OledSettings settings() {
        return settings;
    }

    /** Applied at the next tick. */
    synchronized void apply(OledSettings updated) {
        settings = updated;
        lastChangeNanos = nanoTime.getAsLong();
    }

    synchronized StatusPages page() {
        return page;
    }

    /**
     * Without a physical panel no thread runs: the display is brought up to date when someone
     * looks at it ({@code GET /api/oled}, {@code frame.png}), one page per {@code cycleSeconds}
     * as the panel would show. With a panel the thread {@value #THREAD_NAME} does it.
     */
    synchronized void refreshIfDue() {
        if (timer != null) {
            return;
        }
        long nanos = nanoTime.getAsLong();
        if (lastTickNanos != NEVER && nanos - lastTickNanos < TimeUnit.SECONDS.toNanos(settings.cycleSeconds())) {
            return;
        }
        lastTickNanos = nanos;
        safeTick();
    }

    /** Whether a thread keeps the display up to date (only with a physical panel). */
    boolean running() {
        return timer != null;
    }

    synchronized boolean panelOn() {
        return panelOn;
    }

    VirtualPanel panel() {
        return panel;
    }

    private void safeTick() {
        try {
            tick();
        } catch (IOException | RuntimeException e) {
            LOG.warn("oled: updating the display failed: {}", e.toString());
        }
    }

    /** One refresh: wake or sleep, then the next page. */
    synchronized void tick() throws IOException {
        if (!initialised) {
            chip.init();
            initialised = true;
            panelOn = true;
        }
        DeviceStatus now = status.get();
        long nanos = nanoTime.getAsLong();
        if (!now.equals(lastStatus)) {
            lastStatus = now;
            lastChangeNanos = nanos;
        }
        boolean asleep = settings.sleepAfterSeconds() > 0
                && nanos - lastChangeNanos >= TimeUnit.SECONDS.toNanos(settings.sleepAfterSeconds());
        boolean show = settings.enabled() && !asleep;
        if (show != panelOn) {
            chip.on(show);
            panelOn = show;
            LOG.debug("oled: panel {}", show ? "on" : "off");
        }
        if (!show) {
            return;
        }
        List<StatusPages> pages = StatusPages.pagesFor(now);
        pageIndex = (pageIndex + 1) % pages.size();
        page = pages.get(pageIndex);
        page.render(now, frame);
        chip.frame(frame.bytes());
    }

    /** The status from the services that are there; what is missing shows as off/none. */
    static DeviceStatus gather(VideoCapture video, HidSink hid, String dataDir) {
        List<String> addresses = new ArrayList<>();
        boolean link = false;
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isLoopback() || !nic.isUp()) {
                    continue;
                }
                link = true;
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        addresses.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            LOG.debug("oled: network interfaces unreadable: {}", e.toString());
        }
        VideoStatus v = video == null ? null : video.status();
        String stream = "idle";
        int viewers = 0;
        if (v != null) {
            int most = 0;
            for (Map.Entry<String, Integer> entry : v.viewers().entrySet()) {
                viewers += entry.getValue();
                if (entry.getValue() > most) {
                    most = entry.getValue();
                    stream = entry.getKey();
                }
            }
        }
        String setupCode = null;
        if (dataDir != null) {
            Path file = Path.of(dataDir, "setup-code");
            try {
                setupCode = Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII).strip() : null;
            } catch (IOException e) {
                LOG.debug("oled: {} unreadable: {}", file, e.toString());
            }
        }
        return new DeviceStatus(List.copyOf(addresses), link, v != null && v.signal(), v == null ? 0 : v.inputWidth(),
                v == null ? 0 : v.inputHeight(), v == null ? 0 : Math.round(v.fps()), stream, viewers,
                hid != null && hid.online(), setupCode);
    }
}
