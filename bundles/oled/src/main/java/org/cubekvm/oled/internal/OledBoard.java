package org.cubekvm.oled.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the panel of one board is: I2C bus device and 7-bit address, by the hardware version in
 * {@code /etc/kvm/hw}. Facts from sipeed/NanoKVM (see docs/power.md): alpha has it on the SoC's
 * I2C1 at 0x3D; beta and pcie on the bit-banged bus 5 ({@code i2c-gpio}), beta at 0x3D, pcie at
 * 0x3C. No public source gives it for {@code atx} and {@code pro}: configure {@code i2cBus}.
 *
 * @param bus     {@code /dev/i2c-N}, or null when the board has no known panel
 * @param address 7-bit address, -1 when unknown
 */
record OledBoard(String board, String bus, int address) {
    static final String AUTO = "auto";
    static final int DEFAULT_ADDRESS = 0x3C;

    static OledBoard forBoard(String board) {
        return switch (board) {
            case "alpha" -> new OledBoard(board, "/dev/i2c-1", 0x3D);
            case "beta" -> new OledBoard(board, "/dev/i2c-5", 0x3D);
            case "pcie" -> new OledBoard(board, "/dev/i2c-5", 0x3C);
            case "atx", "pro" -> new OledBoard(board, null, -1);
            default -> throw new IllegalArgumentException("unknown hardware version '" + board
                    + "'; known: alpha, beta, pcie, atx, pro");
        };
    }

    /** The board in the hardware file; a missing or empty file is alpha, as NanoKVM reads it (resolve() checks existence first). */
    static String boardIn(Path hardwareFile) throws IOException {
        String content;
        try {
            content = Files.readString(hardwareFile, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return "alpha";
        }
        return content.isBlank() ? "alpha" : content.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The panel's bus and address from the configuration: {@code i2cBus} empty = no physical panel
     * (null); {@code auto} = this board's, from the hardware file (none without the file); else that bus. {@code i2cAddress}
     * -1 = the board's address (auto) or 0x3C; else that address.
     *
     * @throws IllegalArgumentException naming the setting when the board has no known panel or a value is bad
     */
    static OledBoard resolve(String i2cBus, int i2cAddress, Path hardwareFile) throws IOException {
        String bus = i2cBus == null ? "" : i2cBus.trim();
        if (i2cAddress != -1 && (i2cAddress < 0x03 || i2cAddress > 0x77)) {
            throw new IllegalArgumentException("i2cAddress must be a 7-bit address 3..119 (0x03..0x77) or -1, was " + i2cAddress);
        }
        if (bus.isEmpty()) {
            return null;
        }
        if (AUTO.equals(bus)) {
            if (!Files.exists(hardwareFile)) {
                // The stock init script always writes it on a NanoKVM; without it this is not one
                // (e.g. the device profile tried on a PC), so no I2C bus is touched.
                return null;
            }
            OledBoard board = forBoard(boardIn(hardwareFile));
            if (board.bus() == null) {
                throw new IllegalArgumentException("the " + board.board() + " board has no known panel bus; set i2cBus "
                        + "(e.g. /dev/i2c-1) and i2cAddress in configuration " + OledService.PID);
            }
            return i2cAddress == -1 ? board : new OledBoard(board.board(), board.bus(), i2cAddress);
        }
        if (!bus.matches("/dev/i2c-[0-9]{1,3}")) {
            throw new IllegalArgumentException("i2cBus must be empty, auto or /dev/i2c-N, was '" + bus + "'");
        }
        return new OledBoard("configured", bus, i2cAddress == -1 ? DEFAULT_ADDRESS : i2cAddress);
    }
}
