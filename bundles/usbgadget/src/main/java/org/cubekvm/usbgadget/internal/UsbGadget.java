package org.cubekvm.usbgadget.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configfs gadget: built from {@link UsbGadgetConfig} plus the stock flag files when the
 * component activates (only where the configuration exists: the sg2002 profile), removed when
 * it deactivates. A configuration change re-activates it, i.e. rebuilds the gadget (the target
 * sees the device leave and come back). {@link #reconnect()} unbinds and binds the UDC.
 */
@Component(name = UsbGadget.PID, configurationPid = UsbGadget.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = UsbGadget.class, immediate = true)
@Designate(ocd = UsbGadgetConfig.class)
public class UsbGadget {
    static final String PID = "org.cubekvm.usbgadget";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.usbgadget");

    private final Path usbGadget;
    private final Path dev;
    private final GadgetSettings configured;
    private final GadgetSettings effective;
    private final BootFlags flags;
    private final String udc;
    private final List<GadgetStep> steps;
    private final ConfigfsTransaction transaction;

    @Activate
    public UsbGadget(UsbGadgetConfig config) throws IOException {
        this(config, ConfigfsTransaction::new);
    }

    /** @param transactions makes the transaction for {@code <configfs>/usb_gadget} (tests: a fake configfs) */
    UsbGadget(UsbGadgetConfig config, Function<Path, ConfigfsTransaction> transactions) throws IOException {
        this.configured = settings(config);
        this.flags = BootFlags.read(Paths.get(config.flagsRoot()));
        this.effective = flags.applyTo(configured);
        this.usbGadget = Paths.get(config.configfs()).resolve("usb_gadget");
        this.dev = Paths.get(config.dev());
        this.udc = config.udc().isBlank() ? firstUdc(Paths.get(config.udcClass())) : config.udc().trim();
        this.steps = GadgetPlan.of(effective, udc);
        this.transaction = transactions.apply(usbGadget);
        if (Files.exists(usbGadget.resolve(GadgetPlan.GADGET))) {
            LOG.info("usbgadget: removing the gadget left by an earlier run");
            transaction.removeGadget(GadgetPlan.GADGET);
        }
        transaction.apply(steps);
        LOG.info("usbgadget: gadget bound to {} ({} steps; keyboard {}, mouse {}, absolute {}, mass storage {}, network {}, "
                + "BIOS mode {})", udc, steps.size(), effective.keyboard(), effective.mouse(), effective.absoluteMouse(),
                effective.withMassStorage(), effective.effectiveNetwork(), effective.bootProtocol());
    }

    @Deactivate
    void deactivate() {
        transaction.teardown(steps);
        LOG.info("usbgadget: gadget removed");
    }

    /** @throws IllegalArgumentException naming the bad value */
    static GadgetSettings settings(UsbGadgetConfig c) {
        return new GadgetSettings(c.keyboard(), c.mouse(), c.absoluteMouse(), c.massStorage(), c.network(), c.hidOnly(),
                c.bootProtocol(), c.remoteWakeup(), id("vendorId", c.vendorId()), id("productId", c.productId()), c.serial(),
                c.manufacturer(), c.product());
    }

    private static int id(String name, String text) {
        try {
            String t = text.trim().toLowerCase(java.util.Locale.ROOT);
            return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number such as 0x1d6b, was '" + text + "'");
        }
    }

    private static String firstUdc(Path udcClass) throws IOException {
        try (DirectoryStream<Path> controllers = Files.newDirectoryStream(udcClass)) {
            for (Path controller : controllers) {
                return controller.getFileName().toString();
            }
        }
        throw new IOException("there is no USB device controller in " + udcClass + "; is the gadget driver loaded?");
    }

    GadgetSettings configured() {
        return configured;
    }

    GadgetSettings effective() {
        return effective;
    }

    BootFlags flags() {
        return flags;
    }

    String udc() {
        return udc;
    }

    Path dev() {
        return dev;
    }

    /** The mass-storage LUN's directory, or null when the gadget has none. */
    Path lun() {
        return effective.withMassStorage() ? usbGadget.resolve(GadgetPlan.GADGET).resolve(GadgetPlan.LUN) : null;
    }

    /** Unbinds and binds the UDC: the target sees the device unplugged and plugged in. */
    synchronized void reconnect() throws IOException {
        Path file = usbGadget.resolve(GadgetPlan.GADGET).resolve(GadgetPlan.UDC);
        Files.write(file, new byte[] {'\n'}, StandardOpenOption.TRUNCATE_EXISTING);
        Files.write(file, (udc + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.TRUNCATE_EXISTING);
        LOG.info("usbgadget: reconnected to {}", udc);
    }
}
