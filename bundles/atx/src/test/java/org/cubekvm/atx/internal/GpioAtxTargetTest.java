package org.cubekvm.atx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cubekvm.api.atx.AtxButton;
import org.cubekvm.api.atx.AtxLeds;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GPIO provider through a fake chip and a fake clock: exact requests, levels and times per board. */
class GpioAtxTargetTest {
    private final FakeClock clock = new FakeClock();
    private final FakeGpioChip chip = new FakeGpioChip(clock::now);

    /** The board's table, with the pins configured where no public table exists (atx, pro). */
    private static BoardPins pins(String board) {
        BoardPins table = BoardPins.forBoard(board);
        return board.equals("atx") || board.equals("pro") ? table.overriddenBy(410, 411, 412, 413) : table;
    }

    private void run(AtxController controller, AtxAction action) {
        assertTrue(controller.start(action));
        Await.until("the action to end", () -> controller.running() == null);
    }

    @ParameterizedTest(name = "{0}: power {1}, reset {2}")
    @CsvSource({"alpha, 503, 507", "beta, 503, 505", "pcie, 503, 505", "atx, 410, 411", "pro, 410, 411"})
    void pressHoldAndResetDriveExactlyTheBoardsLines(String board, int power, int reset) throws Exception {
        GpioAtxTarget target = new GpioAtxTarget(chip, pins(board), 100, false);
        AtxController controller = new AtxController(target, clock, AtxTiming.DEFAULT);
        run(controller, new AtxAction(AtxButton.POWER, AtxAction.Kind.PRESS, 200, "alice"));
        run(controller, new AtxAction(AtxButton.POWER, AtxAction.Kind.HOLD, 5000, "alice"));
        run(controller, new AtxAction(AtxButton.RESET, AtxAction.Kind.PRESS, 200, "alice"));
        controller.deactivate();
        target.deactivate();
        assertEquals(List.of(
                "t=0 request gpio" + power + " output consumer=cubekvm-atx-power level=1",
                "t=200 set gpio" + power + " 0",
                "t=200 release gpio" + power,
                "t=200 request gpio" + power + " output consumer=cubekvm-atx-power level=1",
                "t=5200 set gpio" + power + " 0",
                "t=5200 release gpio" + power,
                "t=5200 request gpio" + reset + " output consumer=cubekvm-atx-reset level=1",
                "t=5400 set gpio" + reset + " 0",
                "t=5400 release gpio" + reset), chip.outputEvents());
        assertEquals(Map.of(), chip.requested(), "every line released, LED inputs included");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"alpha, 504, 505", "beta, 504, -1", "pcie, 504, -1", "atx, 412, 413", "pro, 412, 413"})
    void ledInputsAreActiveLow(String board, int powerLed, int hddLed) throws Exception {
        GpioAtxTarget target = new GpioAtxTarget(chip, pins(board), 100, false);
        List<AtxLeds> seen = new ArrayList<>();
        target.addListener(seen::add);
        assertEquals(new AtxLeds(false, false), target.leds(), "inputs read high: LEDs dark");
        Map<Integer, String> requested = chip.requested();
        assertEquals("cubekvm-atx-power-led", requested.get(powerLed));
        assertEquals(hddLed < 0 ? null : "cubekvm-atx-hdd-led", requested.get(hddLed));
        assertEquals(hddLed < 0 ? 1 : 2, requested.size(), "only the LED inputs are held between actions");
        chip.inputs.put(powerLed, 0);
        target.readLeds();
        assertEquals(new AtxLeds(true, false), target.leds());
        if (hddLed >= 0) {
            chip.inputs.put(hddLed, 0);
            target.readLeds();
            assertEquals(new AtxLeds(true, true), target.leds());
        }
        target.readLeds();
        assertEquals(hddLed < 0 ? 1 : 2, seen.size(), "listeners hear changes only");
        target.deactivate();
        assertEquals(Map.of(), chip.requested());
    }

    @Test
    void stoppingTheControllerMidPressReleasesTheLine() throws Exception {
        GatedSleeper gate = new GatedSleeper();
        GpioAtxTarget target = new GpioAtxTarget(chip, pins("beta"), 100, false);
        AtxController controller = new AtxController(target, gate, AtxTiming.DEFAULT);
        assertTrue(controller.start(new AtxAction(AtxButton.POWER, AtxAction.Kind.HOLD, 5000, "alice")));
        assertTrue(gate.sleeping.await(10, TimeUnit.SECONDS));
        assertEquals("cubekvm-atx-power", chip.requested().get(503), "held while the hold runs");
        controller.deactivate();
        assertEquals(List.of("t=0 request gpio503 output consumer=cubekvm-atx-power level=1", "t=0 set gpio503 0",
                "t=0 release gpio503"), chip.outputEvents());
        assertEquals(null, chip.requested().get(503));
        target.deactivate();
    }

    @Test
    void stoppingTheTargetWithAButtonDownReleasesIt() throws Exception {
        GpioAtxTarget target = new GpioAtxTarget(chip, pins("alpha"), 100, false);
        target.press(AtxButton.RESET);
        target.deactivate();
        assertEquals(List.of("t=0 request gpio507 output consumer=cubekvm-atx-reset level=1", "t=0 set gpio507 0",
                "t=0 release gpio507"), chip.outputEvents());
        assertEquals(Map.of(), chip.requested());
    }

    @Test
    void theBoardComesFromTheHardwareFileAndConfigurationOverridesPins(@TempDir Path dir) throws Exception {
        Path hw = dir.resolve("hw");
        Files.writeString(hw, "pcie\n");
        assertEquals(new BoardPins("pcie", 503, 505, 504, -1, false, true), GpioAtxTarget.pinsOf(config(hw, -1, -1)));
        assertEquals(new BoardPins("pcie", 20, 505, 504, -1, false, true), GpioAtxTarget.pinsOf(config(hw, 20, -1)));
        assertEquals("alpha", GpioAtxTarget.pinsOf(config(dir.resolve("missing"), -1, -1)).board(), "no file: alpha");
        Files.writeString(hw, "pro\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GpioAtxTarget.pinsOf(config(hw, -1, -1)));
        assertTrue(e.getMessage().contains("powerPin") && e.getMessage().contains("pro"), e.getMessage());
        assertEquals(30, GpioAtxTarget.pinsOf(config(hw, 30, 31)).power());
        Files.writeString(hw, "gamma\n");
        e = assertThrows(IllegalArgumentException.class, () -> GpioAtxTarget.pinsOf(config(hw, -1, -1)));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
    }

    @Test
    void sysfsFallbackWritesDirectionAndValue(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("gpio503"));
        Files.writeString(root.resolve("gpio503/direction"), "in");
        Files.writeString(root.resolve("gpio503/value"), "0");
        Files.createFile(root.resolve("export"));
        SysfsGpio gpio = new SysfsGpio(root);
        GpioLines.Line line = gpio.output(503, "cubekvm-atx-power", 1);
        assertEquals("high", Files.readString(root.resolve("gpio503/direction")), "direction and level in one write");
        line.set(0);
        assertEquals("0", Files.readString(root.resolve("gpio503/value")));
        line.close();
        assertEquals("in", Files.readString(root.resolve("gpio503/direction")), "released: no longer driven");
        // No kernel here to create gpio504/ on export: the direction write fails, after the export.
        assertThrows(java.nio.file.NoSuchFileException.class, () -> gpio.input(504, "cubekvm-atx-power-led"));
        assertEquals("504", Files.readString(root.resolve("export")), "an unexported line is exported first");
    }

    private static GpioAtxConfig config(Path hw, int powerPin, int resetPin) {
        return new GpioAtxConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return GpioAtxConfig.class;
            }

            @Override
            public String hardwareFile() {
                return hw.toString();
            }

            @Override
            public int powerPin() {
                return powerPin;
            }

            @Override
            public int resetPin() {
                return resetPin;
            }

            @Override
            public int powerLedPin() {
                return -1;
            }

            @Override
            public int hddLedPin() {
                return -1;
            }

            @Override
            public String sysfsRoot() {
                return "/sys/class/gpio";
            }

            @Override
            public int ledPollMillis() {
                return 100;
            }
        };
    }
}
