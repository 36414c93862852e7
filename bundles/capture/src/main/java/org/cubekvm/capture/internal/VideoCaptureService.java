package org.cubekvm.capture.internal;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.FrameListener;
import org.cubekvm.api.video.VideoCapture;
import org.cubekvm.api.video.VideoEncoder;
import org.cubekvm.api.video.VideoStatus;
import org.cubekvm.api.video.VideoStream;
import org.cubekvm.api.video.VideoUnavailableException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link VideoCapture} service: one {@link CaptureChannel} per codec, created on first use. */
@Component(service = {VideoCapture.class, VideoCaptureService.class}, configurationPid = VideoCaptureService.PID)
@Designate(ocd = CaptureConfig.class)
public class VideoCaptureService implements VideoCapture {
    static final String PID = "org.cubekvm.capture";
    static final String[] TRANSPORTS = {"mjpeg", "h264", "webrtc"};
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.capture");

    private final VideoEncoder encoder;
    private final ConfigurationAdmin configurationAdmin;
    private final Map<Codec, CaptureChannel> channels = new EnumMap<>(Codec.class);
    private volatile VideoSettings settings;
    private volatile CaptureConfig config;

    @Activate
    public VideoCaptureService(@Reference VideoEncoder encoder, @Reference ConfigurationAdmin configurationAdmin,
            CaptureConfig config, Map<String, Object> properties) {
        this.encoder = encoder;
        this.configurationAdmin = configurationAdmin;
        this.config = config;
        this.settings = validate(properties);
    }

    @Modified
    void modified(CaptureConfig next, Map<String, Object> properties) {
        VideoSettings validated = validate(properties);
        config = next;
        apply(validated);
    }

    @Deactivate
    void deactivate() {
        synchronized (channels) {
            for (CaptureChannel channel : channels.values()) {
                channel.shutdown("video capture is stopping");
            }
            channels.clear();
        }
    }

    private VideoSettings validate(Map<String, Object> properties) {
        try {
            return VideoSettingsParser.merge(VideoSettings.DEFAULTS, properties, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration " + PID + " is invalid: " + e.getMessage(), e);
        }
    }

    private void apply(VideoSettings next) {
        settings = next;
        synchronized (channels) {
            for (CaptureChannel channel : channels.values()) {
                channel.updateSettings(next, config.lingerMillis(), config.ringSlots());
            }
        }
    }

    VideoSettings settings() {
        return settings;
    }

    /**
     * Merges, validates, applies at once and persists (ConfigAdmin) a settings change.
     *
     * @throws IllegalArgumentException naming the bad field; nothing changed
     */
    synchronized VideoSettings update(Map<String, ?> input) throws IOException {
        VideoSettings next = VideoSettingsParser.merge(settings, input, false);
        Configuration configuration = configurationAdmin.getConfiguration(PID, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        if (configuration.getProperties() != null) {
            for (String key : java.util.Collections.list(configuration.getProperties().keys())) {
                properties.put(key, configuration.getProperties().get(key));
            }
        }
        properties.putAll(next.toMap());
        apply(next);
        configuration.update(properties);
        LOG.info("video settings changed: {}", next);
        return next;
    }

    @Override
    public VideoStream open(Codec codec, String transport, FrameListener listener) throws VideoUnavailableException {
        if (!encoder.isAvailable(codec)) {
            throw new VideoUnavailableException(encoder.unavailabilityCause(codec));
        }
        CaptureChannel channel;
        synchronized (channels) {
            channel = channels.computeIfAbsent(codec,
                    c -> new CaptureChannel(c, encoder, settings, config.lingerMillis(), config.ringSlots()));
        }
        return channel.addViewer(new Viewer(channel, listener, transport));
    }

    @Override
    public VideoStatus status() {
        long now = System.nanoTime();
        Map<String, Integer> viewers = new LinkedHashMap<>();
        for (String transport : TRANSPORTS) {
            viewers.put(transport, 0);
        }
        boolean signal = false;
        int width = 0;
        int height = 0;
        double fps = 0;
        long bitrate = 0;
        long p50 = 0;
        long p99 = 0;
        synchronized (channels) {
            for (CaptureChannel channel : channels.values()) {
                for (String transport : TRANSPORTS) {
                    viewers.merge(transport, channel.watching(transport), Integer::sum);
                }
                CaptureStats stats = channel.stats();
                double channelFps = channel.running() ? stats.fps(now) : 0;
                bitrate += channel.running() ? stats.bitrateKbps(now) : 0;
                if (stats.hasSignal(now)) {
                    signal = true;
                    width = stats.lastWidth();
                    height = stats.lastHeight();
                }
                if (channelFps >= fps && channelFps > 0) {
                    fps = channelFps;
                    p50 = stats.latencyPercentile(50);
                    p99 = stats.latencyPercentile(99);
                }
            }
        }
        return new VideoStatus(signal, width, height, fps, viewers, bitrate, p50, p99);
    }

    /** Runs {@code action} for each codec's channel (those created so far), under the channel lock. */
    void forEachChannel(java.util.function.Consumer<CaptureChannel> action) {
        synchronized (channels) {
            channels.values().forEach(action);
        }
    }
}
