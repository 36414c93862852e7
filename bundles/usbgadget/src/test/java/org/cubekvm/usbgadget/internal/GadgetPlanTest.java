package org.cubekvm.usbgadget.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gadget built in a fake configfs tree (a temp directory) must match the reference committed
 * under {@code src/test/resources/gadget/}: {@code <case>.steps} is every change in order with its
 * exact value, {@code <case>.tree} the resulting tree (directories, files with their bytes, links).
 * The reference files were reviewed by hand against the kernel's configfs gadget documentation;
 * {@code -Dgadget.regenerate=true} rewrites them after a deliberate change.
 */
class GadgetPlanTest {
    static final String UDC = "4340000.usb";

    @TempDir
    Path root;

    static GadgetSettings settingsFor(String name, Path flagsRoot) throws IOException {
        Path boot = flagsRoot.resolve("boot");
        Files.createDirectories(boot);
        switch (name) {
            case "default" -> { }
            case "bios" -> Files.createFile(boot.resolve("BIOS"));
            case "hid-only" -> Files.createFile(boot.resolve("usb.hid_only"));
            case "rndis" -> Files.createFile(boot.resolve("usb.rndis0"));
            case "ncm" -> Files.createFile(boot.resolve("usb.ncm"));
            default -> throw new IllegalArgumentException(name);
        }
        return BootFlags.read(flagsRoot).applyTo(GadgetSettings.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "bios", "hid-only", "rndis", "ncm"})
    void theFakeTreeMatchesTheReference(String name) throws IOException {
        GadgetSettings settings = settingsFor(name, root.resolve("flags"));
        List<GadgetStep> steps = GadgetPlan.of(settings, UDC);
        Path usbGadget = root.resolve("usb_gadget");
        Files.createDirectories(usbGadget);
        new FakeConfigfs(usbGadget).apply(steps);
        String actualSteps = GadgetPlan.describe(steps);
        String actualTree = TreeDump.of(usbGadget);
        if (Boolean.getBoolean("gadget.regenerate")) {
            Path dir = Paths.get("src/test/resources/gadget");
            Files.writeString(dir.resolve(name + ".steps"), actualSteps);
            Files.writeString(dir.resolve(name + ".tree"), actualTree);
        }
        assertEquals(reference(name + ".steps"), actualSteps, name + ": steps and their order");
        assertEquals(reference(name + ".tree"), actualTree, name + ": the tree byte for byte");
    }

    @Test
    void aFailedStepUndoesEveryAppliedOne() throws IOException {
        Path usbGadget = root.resolve("usb_gadget");
        Files.createDirectories(usbGadget);
        List<GadgetStep> steps = GadgetPlan.of(settingsFor("rndis", root.resolve("flags")), UDC);
        for (int failAt : new int[] {1, 10, steps.size() / 2, steps.size() - 1}) {
            GadgetStep failing = steps.get(failAt);
            ConfigfsTransaction transaction = new FakeConfigfs(usbGadget) {
                @Override
                void perform(GadgetStep step, Path target) throws IOException {
                    if (step == failing) {
                        throw new IOException("injected EBUSY");
                    }
                    super.perform(step, target);
                }
            };
            ConfigfsTransaction.StepFailedException e = assertThrows(ConfigfsTransaction.StepFailedException.class,
                    () -> transaction.apply(steps));
            assertTrue(e.getMessage().contains(failing.describe()), e.getMessage());
            assertEquals("", TreeDump.of(usbGadget), "nothing left after failing at step " + failAt);
        }
    }

    @Test
    void aRewrittenAttributeGetsItsOldValueBack() throws IOException {
        Path usbGadget = root.resolve("usb_gadget");
        Files.createDirectories(usbGadget.resolve("cubekvm"));
        Files.writeString(usbGadget.resolve("cubekvm/UDC"), "\n");
        List<GadgetStep> steps = List.of(GadgetStep.Write.text("cubekvm/UDC", UDC), new GadgetStep.Mkdir("cubekvm/x/y"));
        assertThrows(ConfigfsTransaction.StepFailedException.class, () -> new FakeConfigfs(usbGadget).apply(steps));
        assertEquals("\n", Files.readString(usbGadget.resolve("cubekvm/UDC")));
    }

    @Test
    void teardownRemovesABuiltGadget() throws IOException {
        Path usbGadget = root.resolve("usb_gadget");
        Files.createDirectories(usbGadget);
        List<GadgetStep> steps = GadgetPlan.of(settingsFor("ncm", root.resolve("flags")), UDC);
        ConfigfsTransaction transaction = new FakeConfigfs(usbGadget);
        transaction.apply(steps);
        transaction.teardown(steps);
        assertEquals("", TreeDump.of(usbGadget));
    }

    @Test
    void removeGadgetTakesAnyLeftoverApart() throws IOException {
        Path usbGadget = root.resolve("usb_gadget");
        Files.createDirectories(usbGadget);
        ConfigfsTransaction transaction = new FakeConfigfs(usbGadget);
        transaction.apply(GadgetPlan.of(settingsFor("rndis", root.resolve("flags")), UDC));
        transaction.removeGadget(GadgetPlan.GADGET);
        assertEquals("", TreeDump.of(usbGadget));
    }

    @Test
    void settingsAreValidated() {
        GadgetSettings d = GadgetSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> new GadgetSettings(true, true, true, true, "wifi", false,
                false, true, d.vendorId(), d.productId(), d.serial(), d.manufacturer(), d.product()));
        assertThrows(IllegalArgumentException.class, () -> new GadgetSettings(true, true, true, true, "off", false,
                false, true, 0x10000, d.productId(), d.serial(), d.manufacturer(), d.product()));
        assertThrows(IllegalArgumentException.class, () -> new GadgetSettings(true, true, true, true, "off", false,
                false, true, d.vendorId(), d.productId(), "bad\nserial", d.manufacturer(), d.product()));
        assertThrows(IllegalArgumentException.class, () -> new GadgetSettings(false, false, false, true, "off", false,
                false, true, d.vendorId(), d.productId(), d.serial(), d.manufacturer(), d.product()));
    }

    private static String reference(String file) throws IOException {
        try (InputStream in = GadgetPlanTest.class.getResourceAsStream("/gadget/" + file)) {
            if (in == null) {
                throw new IOException("reference gadget/" + file + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A tree as text: one line per entry, sorted: {@code d path}, {@code f path <bytes>}, {@code l path -> target}. */
    static final class TreeDump {
        static String of(Path top) throws IOException {
            StringBuilder text = new StringBuilder();
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path p : walk.sorted().toList()) {
                    if (p.equals(top)) {
                        continue;
                    }
                    String rel = top.relativize(p).toString();
                    if (Files.isSymbolicLink(p)) {
                        text.append("l ").append(rel).append(" -> ").append(top.relativize(Files.readSymbolicLink(p)))
                                .append('\n');
                    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        text.append("d ").append(rel).append('\n');
                    } else {
                        text.append("f ").append(rel).append(' ').append(GadgetStep.Write.render(Files.readAllBytes(p)))
                                .append('\n');
                    }
                }
            }
            return text.toString();
        }
    }
}
