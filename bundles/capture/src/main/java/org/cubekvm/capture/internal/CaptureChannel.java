package org.cubekvm.capture.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.VideoEncoder;
import org.cubekvm.api.video.VideoUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared encoder of one codec and its capture thread: the first watching viewer starts
 * it, it stops after the linger once nobody watches. Each encoded frame is pulled once into
 * a ring slot and announced to the viewers, who take the newest frame when they are ready.
 * The loop allocates nothing per frame and never touches a socket.
 */
final class CaptureChannel {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.capture");
    private static final long PULL_TIMEOUT_NANOS = 250_000_000L;

    private final Codec codec;
    private final VideoEncoder encoder;
    private final Object lifecycle = new Object();
    private final AtomicBoolean keyRequested = new AtomicBoolean();
    private final CaptureStats stats = new CaptureStats();
    private volatile Viewer[] viewers = new Viewer[0];
    /** Frames delivered to and skipped by viewers that have left, by transport (for {@code /metrics}). */
    private final java.util.Map<String, long[]> leftViewerFrames = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile VideoSettings settings;
    private volatile VideoSettings pendingSettings;
    private volatile long lingerNanos;
    private volatile int ringSlots;
    private volatile FrameRing ring;
    /** The open encoder while the capture thread runs, for key-frame requests from other threads. */
    private volatile EncoderChannel live;
    private volatile boolean shutdown;
    /** Where a frame goes when every slot is held (capture thread only). */
    private ByteBuffer scratch;
    /** After a lost H.264 frame nothing is published until the next key frame (capture thread only). */
    private boolean dropUntilKey;
    private Thread thread;
    private boolean running;
    /** A viewer's bitrate limit, the viewers or the settings changed: recompute the encoder's bitrate. */
    private volatile boolean bitrateDirty = true;
    /** The bitrate the open encoder runs at (capture thread only). */
    private int appliedBitrateKbps;

    CaptureChannel(Codec codec, VideoEncoder encoder, VideoSettings settings, long lingerMillis, int ringSlots) {
        this.codec = codec;
        this.encoder = encoder;
        this.settings = settings;
        this.lingerNanos = lingerMillis * 1_000_000L;
        this.ringSlots = ringSlots;
    }

    Codec codec() {
        return codec;
    }

    FrameRing ring() {
        return ring;
    }

    CaptureStats stats() {
        return stats;
    }

    boolean running() {
        synchronized (lifecycle) {
            return running;
        }
    }

    Viewer addViewer(Viewer viewer) {
        synchronized (lifecycle) {
            Viewer[] grown = Arrays.copyOf(viewers, viewers.length + 1);
            grown[grown.length - 1] = viewer;
            viewers = grown;
            startIfNeeded();
        }
        requestKeyFrame();
        return viewer;
    }

    void removeViewer(Viewer viewer) {
        // Read before taking the channel lock (never the viewer's lock inside it); the viewer is
        // closed, so its counts no longer change.
        long delivered = viewer.deliveredFrames();
        long skipped = viewer.skippedFrames();
        synchronized (lifecycle) {
            viewers = Arrays.stream(viewers).filter(v -> v != viewer).toArray(Viewer[]::new);
            long[] totals = leftViewerFrames.computeIfAbsent(viewer.transport(), t -> new long[2]);
            totals[0] += delivered;
            totals[1] += skipped;
        }
        bitrateDirty = true; // a slow viewer leaving lifts its limit
    }

    /** Some viewer's {@link Viewer#limitBitrate} changed; applied by the capture thread before its next frame. */
    void bitrateLimitsChanged() {
        bitrateDirty = true;
    }

    /**
     * The configured bitrate capped by the lowest limit of the watching viewers (never below the
     * encoder's minimum of 100 kbit/s). Paused and closed viewers do not count.
     */
    int effectiveBitrateKbps(int configuredKbps) {
        int effective = configuredKbps;
        for (Viewer viewer : viewers) {
            int limit = viewer.bitrateLimitKbps();
            if (limit > 0 && viewer.watching() && limit < effective) {
                effective = limit;
            }
        }
        return Math.max(100, effective);
    }

    /**
     * Frames delivered to ({@code [0]}) and skipped by ({@code [1]}) the viewers of each transport
     * since the channel was created, present and past.
     */
    java.util.Map<String, long[]> viewerFrames() {
        java.util.Map<String, long[]> result = new java.util.TreeMap<>();
        Viewer[] present;
        synchronized (lifecycle) {
            leftViewerFrames.forEach((transport, totals) -> result.put(transport, totals.clone()));
            present = viewers;
        }
        for (Viewer viewer : present) {
            long[] totals = result.computeIfAbsent(viewer.transport(), t -> new long[2]);
            totals[0] += viewer.deliveredFrames();
            totals[1] += viewer.skippedFrames();
        }
        return result;
    }

    void viewersChanged() {
        bitrateDirty = true;
        synchronized (lifecycle) {
            startIfNeeded();
        }
    }

    int watching(String transport) {
        int count = 0;
        for (Viewer viewer : viewers) {
            if (viewer.watching() && (transport == null || transport.equals(viewer.transport()))) {
                count++;
            }
        }
        return count;
    }

    /**
     * All requests before the next encoded frame share one key frame. The running encoder is told
     * at once (its channel accepts this from any thread), so the very next frame is the key frame
     * even while the capture thread waits inside {@code pull}; the flag covers an encoder that is
     * just being opened.
     */
    void requestKeyFrame() {
        keyRequested.set(true);
        EncoderChannel current = live;
        if (current != null) {
            current.requestKeyFrame();
        }
    }

    void updateSettings(VideoSettings next, long lingerMillis, int slots) {
        lingerNanos = lingerMillis * 1_000_000L;
        ringSlots = slots;
        pendingSettings = next;
    }

    private void startIfNeeded() {
        if (!running && !shutdown && watching(null) > 0) {
            running = true;
            thread = new Thread(this::captureLoop, "capture-" + codec.name().toLowerCase(java.util.Locale.ROOT));
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Stops the thread and ends every viewer's stream. */
    void shutdown(String reason) {
        Thread current;
        synchronized (lifecycle) {
            shutdown = true;
            current = thread;
        }
        if (current != null) {
            current.interrupt();
            try {
                current.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeViewers(reason);
    }

    private void closeViewers(String reason) {
        Viewer[] ended;
        synchronized (lifecycle) {
            ended = viewers;
            viewers = new Viewer[0];
        }
        for (Viewer viewer : ended) {
            try {
                viewer.channelClosed(reason);
            } catch (RuntimeException e) {
                LOG.warn("a viewer failed to close", e);
            }
        }
    }

    private void captureLoop() {
        EncoderChannel channel = null;
        String failure = null;
        try {
            channel = open();
            LOG.info("{} encoder started ({} fps)", codec, settings.fps());
            long idleSince = 0;
            while (!shutdown && !Thread.currentThread().isInterrupted()) {
                long now = System.nanoTime();
                if (watching(null) == 0) {
                    if (idleSince == 0) {
                        idleSince = now;
                    } else if (now - idleSince >= lingerNanos && stopIfIdle()) {
                        break;
                    }
                } else {
                    idleSince = 0;
                }
                VideoSettings next = pendingSettings;
                if (next != null) {
                    pendingSettings = null;
                    channel = apply(channel, next);
                }
                if (bitrateDirty && codec == Codec.H264) {
                    applyBitrate(channel);
                }
                step(channel);
            }
        } catch (VideoUnavailableException | RuntimeException e) {
            failure = codec + " encoder failed: " + e.getMessage();
            LOG.error("{}", failure, e instanceof RuntimeException ? e : null);
        } finally {
            live = null;
            if (channel != null) {
                channel.close();
                LOG.info("{} encoder stopped", codec);
            }
            synchronized (lifecycle) {
                running = false;
                thread = null;
            }
        }
        if (failure != null) {
            closeViewers(failure);
        } else if (!shutdown) {
            synchronized (lifecycle) {
                startIfNeeded();
            }
        }
    }

    /**
     * One frame: pull it from the encoder into a free ring slot, publish it, tell the viewers.
     * Package-private so the benchmark measures exactly what the capture thread runs.
     *
     * @return the frame size, 0 when no frame was published
     */
    int step(EncoderChannel channel) throws VideoUnavailableException {
        if (keyRequested.getAndSet(false)) {
            channel.requestKeyFrame();
        }
        FrameRing currentRing = ring;
        FrameSlot slot = currentRing.claim();
        if (slot == null && (scratch == null || scratch.capacity() < channel.maxFrameBytes())) {
            scratch = ByteBuffer.allocateDirect(channel.maxFrameBytes());
        }
        int size = channel.pull(slot != null ? slot.buffer : scratch, PULL_TIMEOUT_NANOS);
        if (size <= 0) {
            if (slot != null) {
                currentRing.abandon(slot);
            }
            return 0;
        }
        if (slot == null) {
            // Every slot is held by a viewer: this frame is lost for everyone.
            if (codec == Codec.H264) {
                dropUntilKey = true;
                keyRequested.set(true);
            }
            return 0;
        }
        if (dropUntilKey && !channel.frameKey()) {
            currentRing.abandon(slot);
            return 0;
        }
        dropUntilKey = false;
        slot.size = size;
        slot.captureMicros = channel.frameCaptureMicros();
        slot.encodeDoneMicros = channel.frameEncodeDoneMicros();
        slot.key = channel.frameKey();
        slot.width = channel.frameWidth();
        slot.height = channel.frameHeight();
        currentRing.publish(slot);
        stats.record(System.nanoTime(), size, slot.encodeDoneMicros - slot.captureMicros, slot.width, slot.height);
        announce();
        return size;
    }

    /** Benchmark and test seam: a ring for {@link #step} without starting the capture thread. */
    void useRing(FrameRing ring) {
        this.ring = ring;
    }

    private boolean stopIfIdle() {
        synchronized (lifecycle) {
            return watching(null) == 0;
        }
    }

    private void announce() {
        Viewer[] current = viewers;
        for (int i = 0; i < current.length; i++) {
            Viewer viewer = current[i];
            if (viewer.watching()) {
                try {
                    viewer.listener().frameAvailable(viewer);
                } catch (RuntimeException e) {
                    LOG.warn("a {} viewer failed on a new frame; closing it", viewer.transport(), e);
                    viewer.close();
                }
            }
        }
    }

    /** Allocates only when the bitrate changes, not per frame. */
    private void applyBitrate(EncoderChannel channel) throws VideoUnavailableException {
        bitrateDirty = false;
        int effective = effectiveBitrateKbps(settings.h264BitrateKbps());
        if (effective != appliedBitrateKbps) {
            LOG.debug("{} encoder bitrate {} -> {} kbit/s", codec, appliedBitrateKbps, effective);
            appliedBitrateKbps = effective;
            channel.reconfigure(settings.encoderSettings(codec, effective));
        }
    }

    private EncoderChannel open() throws VideoUnavailableException {
        bitrateDirty = true;
        appliedBitrateKbps = settings.h264BitrateKbps();
        EncoderChannel channel = encoder.open(settings.encoderSettings(codec));
        ring = new FrameRing(ringSlots, channel.maxFrameBytes());
        live = channel;
        return channel;
    }

    private EncoderChannel apply(EncoderChannel channel, VideoSettings next) throws VideoUnavailableException {
        VideoSettings previous = settings;
        settings = next;
        bitrateDirty = true;
        appliedBitrateKbps = next.h264BitrateKbps();
        if (previous.width() == next.width() && previous.height() == next.height() && ring.slotCount() == ringSlots) {
            channel.reconfigure(next.encoderSettings(codec));
            LOG.info("{} encoder reconfigured: {}", codec, next);
            return channel;
        }
        live = null;
        channel.close();
        EncoderChannel reopened = open();
        LOG.info("{} encoder reopened: {}", codec, next);
        return reopened;
    }
}
