package com.example.cubekvm.jiggler.internal;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cubekvm.api.hid.HidSink;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.platform.HealthContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Moves the mouse one pixel right and back, on demand or every {@code intervalSeconds} while enabled. */
@Component(service = {Jiggler.class, HealthContributor.class}, configurationPid = Jiggler.PID)
@Designate(ocd = JigglerConfig.class)
public class Jiggler implements HealthContributor {
    static final String PID = "com.example.cubekvm.jiggler";
    private static final Logger LOG = LoggerFactory.getLogger("example.jiggler");

    private final HidSink sink;
    private final AtomicLong moves = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "example-jiggler"));
    private volatile JigglerConfig config;
    private ScheduledFuture<?> task;

    @Activate
    public Jiggler(@Reference HidSink sink, JigglerConfig config) {
        this.sink = sink;
        apply(config);
    }

    @Modified
    synchronized void apply(JigglerConfig config) {
        if (config.intervalSeconds() < 5 || config.intervalSeconds() > 3600) {
            throw new IllegalArgumentException("intervalSeconds must be 5..3600, was " + config.intervalSeconds());
        }
        this.config = config;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (config.enabled()) {
            task = timer.scheduleAtFixedRate(this::jiggle, config.intervalSeconds(), config.intervalSeconds(), TimeUnit.SECONDS);
        }
        LOG.info("example.jiggler: {} every {} s", config.enabled() ? "jiggling" : "idle", config.intervalSeconds());
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    /** One jiggle: right one pixel and back. */
    long jiggle() {
        sink.mouseRelative(0, 1, 0, 0);
        sink.mouseRelative(0, -1, 0, 0);
        return moves.incrementAndGet();
    }

    JiggleState state() {
        JigglerConfig current = config;
        return new JiggleState(current.enabled(), current.intervalSeconds(), moves.get());
    }

    @Override
    public List<Health> health() {
        return List.of(Health.ok("example.jiggler", "Mouse jiggler " + (config.enabled() ? "on" : "off") + ", "
                + moves.get() + " jiggles"));
    }
}
