package org.cubekvm.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.hid.HidSink;
import org.cubekvm.api.platform.HealthContributor;
import org.cubekvm.api.video.VideoCapture;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT client: connects to the configured broker (off until a host is set), announces the device
 * to Home Assistant (retained discovery), publishes retained state and the fleet inventory, and turns
 * commands into calls on the same services the REST API uses, limited by the configured role. The
 * last will marks the device {@code offline}; a lost connection is retried with back-off
 * (1 s doubling up to {@code maxReconnectSeconds}) and everything is published again once back.
 *
 * <p>All client work runs on the one {@value #THREAD} thread: Paho's callbacks only hand over to it.
 * A configuration change deactivates and activates the component (a new connection). Without a
 * configuration the component does not activate at all, so an unconfigured device loads neither
 * Paho nor the fleet installer.
 */
@Component(service = {}, immediate = true, configurationPid = MqttBridge.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MqttConfig.class)
public class MqttBridge implements MqttCallback {
    static final String PID = "org.cubekvm.mqtt";
    static final String THREAD = "mqtt-bridge";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.mqtt");
    /** State is read this often and published when it changed (LED changes also publish at once). */
    private static final long REFRESH_MILLIS = 1000;
    /** Longest command payload read; anything longer is ignored. */
    private static final int MAX_COMMAND_BYTES = 64 * 1024;

    private final MqttSettings settings;
    private final Topics topics;
    private final BundleContext context;
    private final ScheduledExecutorService worker;
    /** Runs fleet commands; one at a time ({@link #fleetBusy}), none queued behind it. */
    private final java.util.concurrent.ExecutorService fleetWorker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "mqtt-fleet");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.atomic.AtomicBoolean fleetBusy = new java.util.concurrent.atomic.AtomicBoolean();
    /** Grabs snapshots for the camera entity; one at a time, requests while one runs are dropped. */
    private final java.util.concurrent.ExecutorService snapshotWorker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "mqtt-snapshot");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.atomic.AtomicBoolean snapshotBusy = new java.util.concurrent.atomic.AtomicBoolean();
    private final Backoff backoff;
    private final BundleListener bundleListener = this::bundleChanged;
    /** Last retained payload per topic, so only changes are published. */
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final List<HealthContributor> health = new CopyOnWriteArrayList<>();
    private volatile VideoCapture capture;
    private volatile HidSink hid;
    private volatile FrontPanel panel;
    private volatile FleetInstaller installer;
    private AutoCloseable ledWatch;
    private MqttClient client;
    private boolean announcedAtx;
    private volatile boolean stopping;
    private ScheduledFuture<?> refresh;

    @Activate
    public MqttBridge(MqttConfig config, BundleContext context) {
        try {
            this.settings = MqttSettings.of(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mqtt: configuration " + PID + " refused: " + e.getMessage(), e);
        }
        this.topics = Topics.of(settings);
        this.context = context;
        this.backoff = new Backoff(settings.maxReconnectSeconds());
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, THREAD);
            thread.setDaemon(true);
            return thread;
        });
        if (!settings.enabled()) {
            LOG.info("mqtt: off (no host configured in {})", PID);
            return;
        }
        LOG.info("mqtt: {}", settings);
        context.addBundleListener(bundleListener);
        worker.execute(this::connect);
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        context.removeBundleListener(bundleListener);
        fleetWorker.shutdownNow();
        snapshotWorker.shutdownNow();
        worker.execute(this::disconnect);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("mqtt: the bridge thread did not end within 10 s");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }

    // ---- optional services ----

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCapture(VideoCapture capture) {
        this.capture = capture;
    }

    void unsetCapture(VideoCapture capture) {
        if (this.capture == capture) {
            this.capture = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setHid(HidSink hid) {
        this.hid = hid;
    }

    void unsetHid(HidSink hid) {
        if (this.hid == hid) {
            this.hid = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPanel(FrontPanel panel) {
        this.panel = panel;
        submit(this::panelChanged);
    }

    void unsetPanel(FrontPanel panel) {
        if (this.panel == panel) {
            this.panel = null;
            submit(this::panelChanged);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setInstaller(FleetInstaller installer) {
        this.installer = installer;
    }

    void unsetInstaller(FleetInstaller installer) {
        if (this.installer == installer) {
            this.installer = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHealth(HealthContributor contributor) {
        health.add(contributor);
    }

    void removeHealth(HealthContributor contributor) {
        health.remove(contributor);
    }

    // ---- connection (bridge thread) ----

    private void submit(Runnable task) {
        if (settings.enabled() && !stopping) {
            try {
                worker.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping: nothing more to publish
            }
        }
    }

    private void connect() {
        if (stopping) {
            return;
        }
        try {
            if (client == null) {
                client = new MqttClient(settings.serverUri(), "cubekvm-" + settings.deviceId(), new MemoryPersistence());
                client.setCallback(this);
            }
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout(10);
            options.setKeepAliveInterval(30);
            options.setWill(topics.availability(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
            if (!settings.username().isEmpty()) {
                options.setUserName(settings.username());
                options.setPassword(settings.password().toCharArray());
            }
            client.connect(options);
            backoff.reset();
            LOG.info("mqtt: connected to {}", settings.serverUri());
            onConnected();
        } catch (MqttException | RuntimeException e) {
            long delay = backoff.next();
            LOG.warn("mqtt: cannot connect to {} ({}); retrying in {} ms", settings.serverUri(), e.getMessage(), delay);
            worker.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void onConnected() throws MqttException {
        published.clear();
        announcedAtx = false;
        client.subscribe(new String[] {topics.powerCommand(), topics.resetCommand(), topics.snapshotRequest(),
            topics.fleetCommand()}, new int[] {1, 1, 0, 1});
        publishRetained(topics.availability(), "online");
        announce();
        publishInventory();
        refreshState();
        if (refresh == null) {
            refresh = worker.scheduleWithFixedDelay(this::refreshState, REFRESH_MILLIS, REFRESH_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void disconnect() {
        if (refresh != null) {
            refresh.cancel(false);
        }
        closeLedWatch();
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                // A clean disconnect sends no last will: say offline ourselves.
                client.publish(topics.availability(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
                client.disconnect(2000);
            }
        } catch (MqttException e) {
            LOG.info("mqtt: disconnect from {}: {}", settings.serverUri(), e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.info("mqtt: close: {}", e.getMessage());
        }
        client = null;
    }

    @Override
    public void connectionLost(Throwable cause) {
        if (stopping) {
            return;
        }
        LOG.warn("mqtt: connection to {} lost ({}); reconnecting", settings.serverUri(),
                cause == null ? "closed" : cause.getMessage());
        submit(() -> {
            long delay = backoff.next();
            worker.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // QoS 1 acknowledgements need no action
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        byte[] payload = message.getPayload();
        if (message.isRetained() || payload.length > MAX_COMMAND_BYTES) {
            // A retained command would act again on every reconnect; an oversized one is not ours.
            LOG.info("mqtt: ignored a {} message on {} ({} bytes)", message.isRetained() ? "retained" : "too large",
                    topic, payload.length);
            return;
        }
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        submit(() -> command(topic, text));
    }

    // ---- publishing (bridge thread) ----

    private void publishRetained(String topic, String payload) {
        publishRetained(topic, payload.getBytes(StandardCharsets.UTF_8), payload);
    }

    private void publishRetained(String topic, byte[] payload, String remember) {
        if (client == null || !client.isConnected()) {
            return;
        }
        if (remember != null && remember.equals(published.get(topic))) {
            return;
        }
        try {
            client.publish(topic, payload, 1, true);
            if (remember != null) {
                published.put(topic, remember);
            }
        } catch (MqttException e) {
            LOG.info("mqtt: publish to {} failed: {}", topic, e.getMessage());
        }
    }

    private void announce() {
        boolean atx = panel != null;
        String version = Objects.requireNonNullElse(context.getProperty("cubekvm.version"), "dev");
        for (Map.Entry<String, String> message : Discovery.messages(settings, topics, version, atx).entrySet()) {
            publishRetained(message.getKey(), message.getValue());
        }
        if (!atx && announcedAtx) {
            for (String topic : Discovery.atxTopics(settings)) {
                published.remove(topic);
                publishRetained(topic, new byte[0], null);
            }
        }
        announcedAtx = atx;
    }

    private void panelChanged() {
        closeLedWatch();
        FrontPanel current = panel;
        if (current != null) {
            ledWatch = current.watchLeds(() -> submit(this::refreshState));
        }
        if (client != null && client.isConnected()) {
            announce();
            refreshState();
        }
    }

    private void closeLedWatch() {
        if (ledWatch != null) {
            try {
                ledWatch.close();
            } catch (Exception e) {
                LOG.info("mqtt: closing the LED watch: {}", e.toString());
            }
            ledWatch = null;
        }
    }

    DeviceState readState() {
        FrontPanel front = panel;
        VideoCapture video = capture;
        HidSink sink = hid;
        Integer viewers = null;
        if (video != null) {
            viewers = video.status().viewers().values().stream().mapToInt(Integer::intValue).sum();
        }
        return new DeviceState(front == null ? null : front.powerLed(), front == null ? null : front.hddLed(),
                viewers, sink == null ? null : sink.online());
    }

    private void refreshState() {
        if (client == null || !client.isConnected()) {
            return;
        }
        try {
            DeviceState state = readState();
            if (state.power() != null) {
                publishRetained(topics.powerState(), DeviceState.onOff(state.power()));
                publishRetained(topics.hddState(), DeviceState.onOff(state.hdd()));
            }
            if (state.viewers() != null) {
                publishRetained(topics.viewers(), Integer.toString(state.viewers()));
            }
            publishRetained(topics.hidOnline(), DeviceState.onOff(Boolean.TRUE.equals(state.hidOnline())));
        } catch (RuntimeException e) {
            LOG.warn("mqtt: reading the device state failed: {}", e.toString());
        }
    }

    private void publishInventory() {
        publishRetained(topics.inventory(), Inventory.json(context, settings.deviceId(), health));
    }

    private void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTED || event.getType() == BundleEvent.STOPPED
                || event.getType() == BundleEvent.INSTALLED || event.getType() == BundleEvent.UNINSTALLED
                || event.getType() == BundleEvent.UPDATED) {
            submit(this::publishInventory);
        }
    }

    // ---- commands (bridge thread) ----

    /** Publishes one JPEG of the screen, retained, to the camera's topic (watching needs no operator role). */
    private void snapshot() {
        VideoCapture video = capture;
        if (video == null || !snapshotBusy.compareAndSet(false, true)) {
            return;
        }
        try {
            snapshotWorker.execute(() -> {
                try {
                    byte[] jpeg = SnapshotGrabber.grab(video, 2000);
                    if (jpeg == null) {
                        LOG.info("mqtt: no picture for the snapshot within 2 s (no signal)");
                    } else {
                        submit(() -> publishRetained(topics.snapshot(), jpeg, null));
                    }
                } catch (org.cubekvm.api.video.VideoUnavailableException e) {
                    LOG.info("mqtt: no snapshot: {}", e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    snapshotBusy.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            snapshotBusy.set(false);
        }
    }

    private void command(String topic, String payload) {
        if (topic.equals(topics.snapshotRequest())) {
            snapshot();
            return;
        }
        if (topic.equals(topics.fleetCommand())) {
            fleet(payload);
            return;
        }
        if (!settings.role().includes(Role.OPERATOR)) {
            refused(topic, "forbidden", "The MQTT role is " + settings.role().id() + ", which may not operate the target");
            return;
        }
        FrontPanel front = panel;
        if (front == null) {
            refused(topic, "atx_unavailable", "No ATX service is running");
            return;
        }
        try {
            if (topic.equals(topics.powerCommand())) {
                boolean on = front.powerLed();
                boolean wanted;
                if ("ON".equals(payload)) {
                    wanted = true;
                } else if ("OFF".equals(payload)) {
                    wanted = false;
                } else {
                    refused(topic, "bad_value", "Expected ON or OFF, got '" + abbreviate(payload) + "'");
                    return;
                }
                if (wanted != on) {
                    LOG.info("mqtt: power {} requested over MQTT: pressing the power button", payload);
                    front.pressPower();
                }
            } else if (topic.equals(topics.resetCommand())) {
                if (!"PRESS".equals(payload)) {
                    refused(topic, "bad_value", "Expected PRESS, got '" + abbreviate(payload) + "'");
                    return;
                }
                LOG.info("mqtt: reset requested over MQTT");
                front.pressReset();
            }
        } catch (Exception e) {
            refused(topic, "failed", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Logs a refused command and publishes it, retained, on {@code <device>/last_error}. */
    private void refused(String topic, String code, String message) {
        LOG.warn("mqtt: command on {} refused: {}", topic, message);
        com.google.gson.JsonObject error = new com.google.gson.JsonObject();
        error.addProperty("topic", topic);
        error.addProperty("error", code);
        error.addProperty("message", message);
        publishRetained(topics.lastError(), error.toString().getBytes(StandardCharsets.UTF_8), null);
    }

    /** Fleet commands download and install: on their own thread, so state keeps flowing meanwhile. */
    private void fleet(String payload) {
        FleetInstaller current = installer;
        String id = FleetCommand.idOf(payload);
        if (current == null) {
            fleetDone(fleetFailure(id, "unavailable", "No bundle installer is running on this device"));
            return;
        }
        if (!fleetBusy.compareAndSet(false, true)) {
            fleetDone(fleetFailure(id, "busy", "Another fleet command is running; try again later"));
            return;
        }
        try {
            fleetWorker.execute(() -> {
                String result = current.handle(payload, settings.deviceId());
                fleetBusy.set(false);
                submit(() -> fleetDone(result));
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            fleetBusy.set(false); // stopping
        }
    }

    private static String fleetFailure(String id, String code, String message) {
        com.google.gson.JsonObject out = new com.google.gson.JsonObject();
        out.addProperty("id", id);
        out.addProperty("ok", false);
        out.addProperty("error", code);
        out.addProperty("message", message);
        return out.toString();
    }

    private void fleetDone(String result) {
        if (client != null && client.isConnected()) {
            try {
                client.publish(topics.fleetResult(), result.getBytes(StandardCharsets.UTF_8), 1, true);
            } catch (MqttException e) {
                LOG.info("mqtt: publishing the fleet result failed: {}", e.getMessage());
            }
        }
        publishInventory();
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
