package org.cubekvm.virtual.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TimeZone;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.cubekvm.api.video.RawFrame;
import org.cubekvm.api.video.RawFrameSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual machine's screen as a {@link RawFrameSource}: like an HDMI source it refreshes at
 * a fixed 60 Hz on its own thread, into two direct BGRX buffers written alternately.
 * <p>
 * Hand-over without locks between renderer and reader: {@code published} is the buffer with
 * the newest complete picture, {@code held} the one the single reader holds. The reader sets
 * {@code held} and then checks that the buffer is still the published one; the renderer only
 * writes the buffer that is not published, and skips the tick when the reader holds it. So a
 * held buffer is never written (no tearing), and nothing is allocated per frame.
 * <p>
 * A tick without a visible change publishes nothing: equal seq means identical pixels. The
 * first four and last four pixels carry the low 32 bits of the seq in their padding (X) bytes,
 * stamped before and after the picture is painted, so a reader can verify it got a whole one.
 */
@Component(name = "org.cubekvm.virtual.screen", configurationPid = MachineSettings.PID,
        service = {RawFrameSource.class, VirtualScreen.class}, immediate = true)
@Designate(ocd = VirtualSettings.class)
public class VirtualScreen implements RawFrameSource, VirtualPower.Listener {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.virtual");
    static final long TICK_NANOS = 1_000_000_000L / 60;
    static final String THREAD_NAME = "virtual-screen";
    private static final int NONE = -1;
    private static final int STAMP_PIXELS = 4;
    /**
     * After power-off the "no signal" picture stays published this long, so every stream ends on
     * it; then the source goes dark and capture reports no signal, as with an HDMI source that
     * was switched off.
     */
    static final long NO_SIGNAL_MILLIS = 1000;

    private final VirtualPower power;
    private final LongSupplier epochMicros;
    private final TimeZone zone = TimeZone.getDefault();
    private final ScreenContent content;
    private final AtomicInteger published = new AtomicInteger(NONE);
    private final AtomicInteger held = new AtomicInteger(NONE);
    /** Counts power changes, so a late {@link #goDark} of an earlier power-off does nothing. */
    private final AtomicLong powerChanges = new AtomicLong();
    /** Replaced only while nothing is published or held (see {@link #reallocate}). */
    private volatile ScreenFrame[] frames;
    private volatile Resolution wanted;
    private volatile boolean animate;

    // Renderer state, guarded by the content monitor (every tick runs under it).
    private Resolution current;
    private long seq;
    private long publishedChanges = -1;
    private boolean signal;

    private ScheduledExecutorService renderer;

    @Activate
    public VirtualScreen(VirtualSettings settings, @Reference VirtualPower power) {
        this(MachineSettings.configuredResolution(settings), settings.animate(), power, systemEpochMicros());
        start();
    }

    VirtualScreen(Resolution resolution, boolean animate, VirtualPower power, LongSupplier epochMicros) {
        this.power = power;
        this.epochMicros = epochMicros;
        this.wanted = resolution;
        this.current = resolution;
        this.animate = animate;
        this.frames = allocate(resolution);
        this.content = new ScreenContent(resolution.width(), resolution.height());
        power.addListener(this);
        powerChanged(power.isOn());
    }

    @Modified
    void modified(VirtualSettings settings) {
        apply(MachineSettings.configuredResolution(settings), settings.animate());
    }

    @Deactivate
    void deactivate() {
        power.removeListener(this);
        stop();
        published.set(NONE);
    }

    /** Applied on the renderer thread at the next tick: a new size reallocates the buffers once. */
    void apply(Resolution resolution, boolean animate) {
        this.animate = animate;
        if (!resolution.equals(wanted)) {
            LOG.info("screen resolution {} requested", resolution);
            this.wanted = resolution;
        }
    }

    Resolution resolution() {
        return wanted;
    }

    boolean animate() {
        return animate;
    }

    ScreenContent content() {
        return content;
    }

    void start() {
        renderer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        renderer.scheduleAtFixedRate(this::safeTick, 0, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    void stop() {
        ScheduledExecutorService executor = renderer;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            renderer = null;
        }
    }

    @Override
    public RawFrame acquireNewest() {
        while (true) {
            int index = published.get();
            if (index == NONE) {
                return null;
            }
            held.set(index);
            if (published.get() == index) {
                return frames[index];
            }
            // The renderer moved on meanwhile; the buffer we marked may be the one it writes next.
            held.set(NONE);
        }
    }

    @Override
    public void release(RawFrame frame) {
        if (frame != null) {
            held.set(NONE);
        }
    }

    @Override
    public void powerChanged(boolean on) {
        synchronized (content) {
            // Off: the "no signal" picture is still rendered and published until goDark.
            signal = true;
            long change = powerChanges.incrementAndGet();
            if (on) {
                content.boot();
            } else {
                content.powerOff();
                ScheduledExecutorService executor = renderer;
                if (executor != null) {
                    executor.schedule(() -> goDark(change), NO_SIGNAL_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /** The end of the "no signal" picture of power change {@code change}: nothing is published any more. */
    void goDark(long change) {
        synchronized (content) {
            if (change == powerChanges.get() && !content.isOn()) {
                signal = false;
                published.set(NONE);
            }
        }
    }

    /** For tests without the renderer thread: the latest power-off's picture ends now. */
    void goDark() {
        synchronized (content) {
            goDark(powerChanges.get());
        }
    }

    @Override
    public void reset() {
        synchronized (content) {
            content.boot();
        }
    }

    private void safeTick() {
        try {
            renderTick();
        } catch (RuntimeException | Error e) {
            // A periodic task that throws is cancelled for good; a bad tick must not freeze the screen.
            LOG.error("rendering a frame failed: {}", e.toString(), e);
        }
    }

    /** One refresh: advance the clock and frame counter, then paint and publish if anything changed. */
    void renderTick() {
        long now = epochMicros.getAsLong();
        synchronized (content) {
            content.tick(secondOfDay(now), animate);
            if (!signal) {
                return;
            }
            if (!current.equals(wanted) && !reallocate(wanted)) {
                return;
            }
            long changes = content.changes();
            if (changes == publishedChanges && published.get() != NONE) {
                return;
            }
            int target = writableBuffer();
            if (target == NONE) {
                return; // the reader holds the only buffer we could write; catch up next tick
            }
            ScreenFrame frame = frames[target];
            long nextSeq = seq + 1;
            ByteBuffer pixels = frame.pixels();
            stamp(pixels, 0, nextSeq);
            content.paint(pixels, frame.stride(), target);
            stamp(pixels, 0, nextSeq);
            stamp(pixels, pixels.capacity() - STAMP_PIXELS * 4, nextSeq);
            seq = nextSeq;
            frame.completed(nextSeq, epochMicros.getAsLong());
            publishedChanges = changes;
            published.set(target);
        }
    }

    /** The buffer that is neither published nor held, or NONE. */
    private int writableBuffer() {
        int publishedIndex = published.get();
        int target = publishedIndex == 0 ? 1 : 0;
        if (held.get() == target) {
            // With nothing published the other buffer is free; otherwise it holds the newest picture.
            return publishedIndex == NONE ? 1 - target : NONE;
        }
        return target;
    }

    /** Swaps in buffers of the new size once the reader has let go of the old ones. */
    private boolean reallocate(Resolution resolution) {
        // Like an HDMI source changing mode: no signal for a moment.
        published.set(NONE);
        if (held.get() != NONE) {
            return false;
        }
        frames = allocate(resolution);
        content.resize(resolution.width(), resolution.height());
        current = resolution;
        LOG.info("screen is now {}", resolution);
        return true;
    }

    private static ScreenFrame[] allocate(Resolution resolution) {
        return new ScreenFrame[] {
            new ScreenFrame(resolution.width(), resolution.height()),
            new ScreenFrame(resolution.width(), resolution.height())};
    }

    /** Writes the low 32 bits of seq into the X bytes of four pixels from {@code offset}. */
    private static void stamp(ByteBuffer pixels, int offset, long seq) {
        for (int i = 0; i < STAMP_PIXELS; i++) {
            pixels.put(offset + i * 4 + 3, (byte) (seq >>> (8 * i)));
        }
    }

    /** Reads a stamp written by {@link #stamp}. */
    static int stampAt(ByteBuffer pixels, int offset) {
        int value = 0;
        for (int i = 0; i < STAMP_PIXELS; i++) {
            value |= (pixels.get(offset + i * 4 + 3) & 0xFF) << (8 * i);
        }
        return value;
    }

    static int lastStampOffset(RawFrame frame) {
        return frame.stride() * frame.height() - STAMP_PIXELS * 4;
    }

    private int secondOfDay(long micros) {
        long millis = micros / 1000;
        long local = millis + zone.getOffset(millis);
        return (int) Math.floorMod(local / 1000, 86_400L);
    }

    /** Epoch microseconds without allocating: the wall clock once, then the monotonic clock. */
    static LongSupplier systemEpochMicros() {
        Instant start = Instant.now();
        long startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, start);
        long startNanos = System.nanoTime();
        return () -> startMicros + (System.nanoTime() - startNanos) / 1000;
    }
}
