package org.cubekvm.usbgadget.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link GadgetPlan} to a gadget directory in configfs as one transaction: on the first
 * failing step, every step applied so far is undone in reverse order (links removed, written
 * attributes restored or removed, directories removed) and the failure is thrown, naming the step.
 * Works on real configfs and on a plain directory with the same layout (the tests' fake tree).
 */
class ConfigfsTransaction {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.usbgadget");

    /** A step that failed; the tree was put back as it was. */
    static final class StepFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        StepFailedException(GadgetStep step, IOException cause) {
            super("configfs step '" + step.describe() + "' failed (" + cause + "); every applied step was undone", cause);
        }
    }

    /** What one applied step needs to be undone. */
    private record Applied(GadgetStep step, byte[] previous) {
    }

    /** {@code <configfs>/usb_gadget}: every step's path is relative to it. */
    private final Path gadget;

    ConfigfsTransaction(Path usbGadget) {
        this.gadget = usbGadget;
    }

    /**
     * Removes a gadget built by {@code steps}: unbinds it first (an empty UDC), then undoes every
     * step in reverse. Steps that were never applied are skipped quietly.
     */
    void teardown(List<GadgetStep> steps) {
        Path udc = gadget.resolve(GadgetPlan.GADGET).resolve(GadgetPlan.UDC);
        if (Files.isRegularFile(udc)) {
            try {
                Files.write(udc, new byte[] {'\n'}, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                LOG.warn("usbgadget: unbinding {} failed: {}", udc, e.toString());
            }
        }
        Deque<Applied> all = new ArrayDeque<>();
        for (GadgetStep step : steps) {
            if (!(step instanceof GadgetStep.Write write && write.path().endsWith("/" + GadgetPlan.UDC))) {
                all.push(new Applied(step, null));
            }
        }
        undo(all);
    }

    /** Seam: configfs makes a directory's default groups and attributes itself (a fake tree emulates it). */
    void mkdir(Path dir) throws IOException {
        Files.createDirectory(dir);
    }

    /** Seam: configfs removes a directory with its attributes and default groups. */
    void rmdir(Path dir) throws IOException {
        Files.deleteIfExists(dir);
    }

    /** Performs one step (a seam for tests that inject failures). */
    void perform(GadgetStep step, Path target) throws IOException {
        if (step instanceof GadgetStep.Mkdir) {
            mkdir(target);
        } else if (step instanceof GadgetStep.Write write) {
            Files.write(target, write.value(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } else if (step instanceof GadgetStep.Symlink link) {
            Files.createSymbolicLink(target, gadget.resolve(link.target()));
        }
    }

    void apply(List<GadgetStep> steps) throws StepFailedException {
        Deque<Applied> applied = new ArrayDeque<>();
        for (GadgetStep step : steps) {
            Path target = gadget.resolve(step.path());
            byte[] previous = null;
            try {
                if (step instanceof GadgetStep.Write && Files.isRegularFile(target)) {
                    previous = Files.readAllBytes(target);
                }
                perform(step, target);
            } catch (IOException e) {
                undo(applied);
                throw new StepFailedException(step, e);
            }
            applied.push(new Applied(step, previous));
        }
    }

    /**
     * Removes whatever gadget {@code name} holds, whichever functions it was built with (a leftover
     * of an earlier run or of other settings): unbind, links out of every configuration and
     * {@code os_desc}, configuration strings, configurations, functions, strings, the gadget.
     */
    void removeGadget(String name) throws IOException {
        Path root = gadget.resolve(name);
        if (!Files.isDirectory(root)) {
            return;
        }
        Path udc = root.resolve(GadgetPlan.UDC);
        if (Files.isRegularFile(udc)) {
            Files.write(udc, new byte[] {'\n'}, StandardOpenOption.TRUNCATE_EXISTING);
        }
        for (Path config : children(root.resolve("configs"))) {
            for (Path entry : children(config)) {
                if (Files.isSymbolicLink(entry)) {
                    Files.delete(entry);
                }
            }
            for (Path strings : children(config.resolve("strings"))) {
                rmdir(strings);
            }
            rmdir(config);
        }
        for (Path entry : children(root.resolve("os_desc"))) {
            if (Files.isSymbolicLink(entry)) {
                Files.delete(entry);
            }
        }
        for (Path function : children(root.resolve("functions"))) {
            rmdir(function);
        }
        for (Path strings : children(root.resolve("strings"))) {
            rmdir(strings);
        }
        rmdir(root);
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    private void undo(Deque<Applied> applied) {
        while (!applied.isEmpty()) {
            Applied last = applied.pop();
            Path target = gadget.resolve(last.step().path());
            try {
                if (last.step() instanceof GadgetStep.Mkdir) {
                    rmdir(target);
                } else if (last.step() instanceof GadgetStep.Symlink) {
                    Files.deleteIfExists(target);
                } else if (last.previous() != null) {
                    Files.write(target, last.previous(), StandardOpenOption.TRUNCATE_EXISTING);
                }
                // A new attribute value needs no undo: the attribute belongs to a directory made
                // by this transaction and goes with it.
            } catch (IOException e) {
                LOG.warn("usbgadget: undoing '{}' failed: {}", last.step().describe(), e.toString());
            }
        }
    }

}
