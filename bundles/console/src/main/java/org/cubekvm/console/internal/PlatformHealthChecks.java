package org.cubekvm.console.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.cubekvm.api.hid.HidSink;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.platform.HealthContributor;
import org.cubekvm.api.platform.HealthStatus;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.VideoEncoder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The platform's own health checks in {@code GET /api/platform/health}: every DS component
 * satisfied, an encoder present, the HID sink present and online, heap headroom, disk space of
 * the data directory. Vendor bundles add theirs by registering a {@link HealthContributor}.
 */
@Component(service = HealthContributor.class)
public class PlatformHealthChecks implements HealthContributor {
    /** Heap headroom below which memory is WARN / CRITICAL (fractions of the maximum heap). */
    static final double MEMORY_WARN = 0.15;
    static final double MEMORY_CRITICAL = 0.05;
    /** Free disk space in the data directory below which disk is WARN / CRITICAL. */
    static final long DISK_WARN_BYTES = 50L * 1024 * 1024;
    static final long DISK_CRITICAL_BYTES = 10L * 1024 * 1024;

    private final ServiceComponentRuntime scr;
    private final Path data;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HidSink hid;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VideoEncoder encoder;

    @Activate
    public PlatformHealthChecks(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.scr = scr;
        String dir = context.getProperty("cubekvm.data");
        this.data = dir == null ? Paths.get(".") : Paths.get(dir);
    }

    @Override
    public List<Health> health() {
        return List.of(components(), encoder(), hid(), memory(Runtime.getRuntime()), disk());
    }

    Health components() {
        List<String> failed = new ArrayList<>();
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    failed.add(description.name);
                } else if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    unsatisfied.add(description.name + " (needs " + (configuration.unsatisfiedReferences.length > 0
                            ? configuration.unsatisfiedReferences[0].name : "a service") + ")");
                }
            }
        }
        if (!failed.isEmpty()) {
            return new Health("components", HealthStatus.CRITICAL, "Components failed to activate: " + String.join(", ", failed));
        }
        if (!unsatisfied.isEmpty()) {
            return Health.warn("components", "Components waiting for a service: " + String.join(", ", unsatisfied));
        }
        return Health.ok("components", "Every component is satisfied");
    }

    Health encoder() {
        VideoEncoder current = encoder;
        if (current == null) {
            return new Health("video.encoder", HealthStatus.CRITICAL, "No video encoder is registered: the native bundle is not running");
        }
        if (!current.isAvailable(Codec.MJPEG) && !current.isAvailable(Codec.H264)) {
            return new Health("video.encoder", HealthStatus.CRITICAL, "The encoder can encode neither MJPEG nor H.264: "
                    + current.unavailabilityCause(Codec.MJPEG));
        }
        return Health.ok("video.encoder", "The video encoder is registered");
    }

    Health hid() {
        HidSink sink = hid;
        if (sink == null) {
            return new Health("hid.sink", HealthStatus.CRITICAL, "No HID sink is registered: keyboard and mouse cannot reach a host");
        }
        return sink.online() ? Health.ok("hid.sink", "The HID sink reaches the host")
                : Health.warn("hid.sink", "The HID sink is registered but no host is connected");
    }

    static Health memory(Runtime runtime) {
        long max = runtime.maxMemory();
        long used = runtime.totalMemory() - runtime.freeMemory();
        double headroom = 1.0 - (double) used / max;
        String text = String.format(java.util.Locale.ROOT, "%d of %d MiB heap used (%.0f %% free)", used >> 20, max >> 20, headroom * 100);
        if (headroom < MEMORY_CRITICAL) {
            return new Health("memory", HealthStatus.CRITICAL, text);
        }
        return headroom < MEMORY_WARN ? Health.warn("memory", text) : Health.ok("memory", text);
    }

    Health disk() {
        try {
            FileStore store = Files.getFileStore(data);
            return disk(store.getUsableSpace());
        } catch (IOException e) {
            return Health.warn("disk", "The free space of the data directory cannot be read: " + e.getMessage());
        }
    }

    static Health disk(long usable) {
        String text = (usable >> 20) + " MiB free in the data directory";
        if (usable < DISK_CRITICAL_BYTES) {
            return new Health("disk", HealthStatus.CRITICAL, text);
        }
        return usable < DISK_WARN_BYTES ? Health.warn("disk", text) : Health.ok("disk", text);
    }
}
