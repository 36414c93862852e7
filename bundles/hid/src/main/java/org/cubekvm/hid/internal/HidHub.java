package org.cubekvm.hid.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cubekvm.api.hid.HidListener;
import org.cubekvm.api.hid.HidSink;
import org.cubekvm.api.hid.KeyboardLayouts;
import org.cubekvm.api.hid.KeyboardLeds;
import org.cubekvm.api.hid.UsbBootProtocol;
import org.cubekvm.api.rest.ApiException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyboard and mouse hub: binds the {@link HidSink} (the virtual machine on a PC, the USB
 * gadget on the device), owns its {@link SinkWriter}, the open WebSocket connections, paste and
 * the HID settings. Sink events (LEDs, on/off line) are pushed to every connection.
 */
@Component(service = HidHub.class, configurationPid = HidHub.PID, immediate = true)
@Designate(ocd = HidHub.Config.class)
public class HidHub implements HidListener {
    static final String PID = "org.cubekvm.hid";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.hid");

    @ObjectClassDefinition(name = "CubeKVM keyboard and mouse", description = "HID settings (PUT /api/hid/settings)")
    public @interface Config {
        @AttributeDefinition(description = "Mouse mode the web UI starts in: absolute or relative")
        String mouse() default HidSettings.ABSOLUTE;

        @AttributeDefinition(description = "Move the mouse by one pixel and back after a minute without input")
        boolean jiggler() default false;

        @AttributeDefinition(description = "Offer the USB boot protocol (read by the USB gadget)")
        boolean bootProtocol() default true;

        @AttributeDefinition(description = "Keyboard layout the target reads keys with (paste default, on-screen keyboard labels)")
        String layout() default HidSettings.DEFAULT_LAYOUT;
    }

    private final HidCounters counters = new HidCounters();
    private final Set<HidConnection> connections = ConcurrentHashMap.newKeySet();
    private final Paster paster = new Paster(this::writer);
    private final Jiggler jiggler = new Jiggler(this::writer);
    private volatile SinkWriter writer;
    private volatile KeyboardLayouts layouts;
    private volatile ConfigurationAdmin configurationAdmin;
    private volatile UsbBootProtocol usbBootProtocol;
    private volatile HidSettings settings = HidSettings.DEFAULTS;

    @Activate
    void activate(Config config) {
        settings = settingsOf(config);
        jiggler.enable(Boolean.TRUE.equals(settings.jiggler()));
    }

    @Modified
    void modified(Config config) {
        settings = settingsOf(config);
        jiggler.enable(Boolean.TRUE.equals(settings.jiggler()));
    }

    @Deactivate
    void deactivate() {
        paster.stop();
        jiggler.stop();
        for (HidConnection connection : connections) {
            connection.close(1001, "keyboard and mouse service stopping");
        }
        SinkWriter current = writer;
        if (current != null) {
            current.sink().removeListener(this);
            current.stopAndRelease();
            writer = null;
        }
    }

    private static HidSettings settingsOf(Config config) {
        try {
            return HidSettings.of(config);
        } catch (ApiException e) {
            LOG.warn("configuration {} is invalid ({}); using the defaults", PID, e.getMessage());
            return HidSettings.DEFAULTS;
        }
    }

    // --- the sink ------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindSink(HidSink sink, Map<String, Object> properties) {
        SinkWriter old = writer;
        if (old != null) {
            old.sink().removeListener(this);
            old.stop();
        }
        Object name = properties.get("component.name");
        SinkWriter created = new SinkWriter(sink, name == null ? sink.getClass().getSimpleName() : name.toString(), counters);
        created.start();
        writer = created;
        sink.addListener(this);
        LOG.info("reports go to {} (online: {})", created.sinkName(), sink.online());
        broadcast(onlineEvent(sink.online()));
        broadcast(ledsEvent(sink.leds()));
    }

    synchronized void unbindSink(HidSink sink) {
        SinkWriter current = writer;
        if (current == null || current.sink() != sink) {
            return;
        }
        sink.removeListener(this);
        current.stop();
        writer = null;
        LOG.info("{} is gone; keyboard and mouse are off line until a sink returns", current.sinkName());
        broadcast(onlineEvent(false));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLayouts(KeyboardLayouts layouts) {
        this.layouts = layouts;
    }

    void unbindLayouts(KeyboardLayouts gone) {
        if (layouts == gone) {
            layouts = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConfigurationAdmin(ConfigurationAdmin admin) {
        configurationAdmin = admin;
    }

    void unbindConfigurationAdmin(ConfigurationAdmin gone) {
        if (configurationAdmin == gone) {
            configurationAdmin = null;
        }
    }

    /** BIOS mode of the device's USB gadget; absent on a PC, where the setting is only stored here. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUsbBootProtocol(UsbBootProtocol service) {
        usbBootProtocol = service;
    }

    void unbindUsbBootProtocol(UsbBootProtocol gone) {
        if (usbBootProtocol == gone) {
            usbBootProtocol = null;
        }
    }

    /** The writer of the current sink, null when there is none. */
    SinkWriter writer() {
        return writer;
    }

    KeyboardLayouts layouts() {
        return layouts;
    }

    HidCounters counters() {
        return counters;
    }

    Paster paster() {
        return paster;
    }

    /** Input arrived from a person: the jiggler waits a full idle period again. */
    void inputSeen() {
        jiggler.inputSeen();
    }

    boolean online() {
        SinkWriter current = writer;
        return current != null && current.sink().online();
    }

    KeyboardLeds leds() {
        SinkWriter current = writer;
        return current == null ? KeyboardLeds.OFF : current.sink().leds();
    }

    @Override
    public void ledsChanged(KeyboardLeds leds) {
        broadcast(ledsEvent(leds));
    }

    @Override
    public void onlineChanged(boolean online) {
        broadcast(onlineEvent(online));
    }

    // --- connections -----------------------------------------------------------------------------

    void connected(HidConnection connection) {
        connections.add(connection);
        connection.sendText(onlineEvent(online()));
        connection.sendText(ledsEvent(leds()));
    }

    void disconnected(HidConnection connection) {
        connections.remove(connection);
    }

    int connectionCount() {
        return connections.size();
    }

    private void broadcast(String event) {
        for (HidConnection connection : connections) {
            connection.sendText(event);
        }
    }

    static String onlineEvent(boolean online) {
        return "{\"type\":\"hid\",\"online\":" + online + "}";
    }

    static String ledsEvent(KeyboardLeds leds) {
        return "{\"type\":\"leds\",\"numLock\":" + leds.numLock() + ",\"capsLock\":" + leds.capsLock()
                + ",\"scrollLock\":" + leds.scrollLock() + "}";
    }

    // --- settings and status -------------------------------------------------------------------

    /** The settings; {@code bootProtocol} is the USB gadget's when there is one (it is stored there). */
    HidSettings settings() {
        HidSettings current = settings;
        UsbBootProtocol usb = usbBootProtocol;
        return usb == null ? current
                : new HidSettings(current.mouse(), current.jiggler(), usb.enabled(), current.layout());
    }

    /** Applies a merged settings change now and persists it through ConfigAdmin. */
    synchronized HidSettings updateSettings(HidSettings change) {
        HidSettings merged = settings().merge(change);
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) {
            throw ApiException.unavailable("Settings cannot be stored: the configuration service is not running");
        }
        UsbBootProtocol usb = usbBootProtocol;
        if (usb != null && change.bootProtocol() != null) {
            applyBootProtocol(usb, change.bootProtocol());
        }
        try {
            Configuration configuration = admin.getConfiguration(PID, "?");
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                properties = new Hashtable<>();
            }
            properties.put("mouse", merged.mouse());
            properties.put("jiggler", merged.jiggler());
            properties.put("bootProtocol", merged.bootProtocol());
            properties.put("layout", merged.layout());
            configuration.updateIfDifferent(properties);
        } catch (IOException e) {
            LOG.error("storing configuration {} failed", PID, e);
            throw new ApiException(500, "storage_failed", "The settings could not be stored; the log has the details");
        }
        settings = merged;
        jiggler.enable(Boolean.TRUE.equals(merged.jiggler()));
        LOG.info("settings changed to {}", merged);
        return merged;
    }

    /** Stores BIOS mode in the USB gadget first, so a refusal changes nothing; the gadget re-enumerates when it changes. */
    private static void applyBootProtocol(UsbBootProtocol usb, boolean enabled) {
        try {
            usb.set(enabled);
        } catch (IllegalStateException e) {
            throw new ApiException(409, "forced_by_flag", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IOException e) {
            LOG.error("storing BIOS mode in the USB gadget failed", e);
            throw new ApiException(500, "storage_failed", "BIOS mode could not be stored; the log has the details");
        }
    }

    HidStatus status() {
        SinkWriter current = writer;
        KeyboardLeds leds = leds();
        HidStatus.Pressed pressed;
        HidStatus.Queues queued;
        if (current == null) {
            pressed = new HidStatus.Pressed(0, List.of(), 0);
            queued = new HidStatus.Queues(0, 0);
        } else {
            byte[] report = current.lastKeyboard();
            List<Integer> keys = new ArrayList<>();
            for (int i = 2; i < report.length; i++) {
                if (report[i] != 0) {
                    keys.add(report[i] & 0xff);
                }
            }
            pressed = new HidStatus.Pressed(report[0] & 0xff, keys, current.lastButtons());
            queued = new HidStatus.Queues(current.queuedKeyboard(), current.queuedPointer());
        }
        return new HidStatus(online(), current == null ? null : current.sinkName(), connections.size(),
                new HidStatus.Leds(leds.numLock(), leds.capsLock(), leds.scrollLock()), settings(), pressed, queued,
                counters.snapshot());
    }
}
