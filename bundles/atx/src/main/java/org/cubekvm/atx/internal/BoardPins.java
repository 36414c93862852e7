package org.cubekvm.atx.internal;

import java.util.Locale;

/**
 * The ATX lines of one board: Linux GPIO numbers (-1 = not wired) and their polarity. Buttons
 * are outputs driven high while pressed (through the KVM-B board's optocouplers); LED inputs
 * read low while the LED is lit.
 * <p>
 * Sources (see docs/power.md): sipeed/NanoKVM {@code server/config/hardware.go} (alpha: power
 * 503, reset 507, power LED 504, HDD LED 505; beta and pcie: power 503, reset 505, power LED
 * 504, no HDD LED) and the NanoKVM IO table (power LED input 504 reads 0 when lit; buttons
 * pressed by writing 1). No public source gives pins for {@code atx} and {@code pro}: those
 * boards need the pins in configuration.
 */
record BoardPins(String board, int power, int reset, int powerLed, int hddLed, boolean buttonsActiveLow,
        boolean ledsActiveLow) {
    static final int NONE = -1;

    static BoardPins forBoard(String board) {
        return switch (board) {
            case "alpha" -> new BoardPins("alpha", 503, 507, 504, 505, false, true);
            case "beta" -> new BoardPins("beta", 503, 505, 504, NONE, false, true);
            case "pcie" -> new BoardPins("pcie", 503, 505, 504, NONE, false, true);
            case "atx", "pro" -> new BoardPins(board, NONE, NONE, NONE, NONE, false, true);
            default -> throw new IllegalArgumentException("unknown hardware version '" + board
                    + "'; known: alpha, beta, pcie, atx, pro");
        };
    }

    /** The content of {@code /etc/kvm/hw} as a board name; an empty or missing file is alpha (as NanoKVM does). */
    static String boardOf(String hwFileContent) {
        if (hwFileContent == null || hwFileContent.isBlank()) {
            return "alpha";
        }
        return hwFileContent.strip().toLowerCase(Locale.ROOT);
    }

    /** This table with the configured pins (-1 keeps the table's) applied. */
    BoardPins overriddenBy(int powerPin, int resetPin, int powerLedPin, int hddLedPin) {
        return new BoardPins(board, powerPin >= 0 ? powerPin : power, resetPin >= 0 ? resetPin : reset,
                powerLedPin >= 0 ? powerLedPin : powerLed, hddLedPin >= 0 ? hddLedPin : hddLed, buttonsActiveLow,
                ledsActiveLow);
    }

    /** @throws IllegalArgumentException when a button has no pin */
    BoardPins checked() {
        if (power < 0 || reset < 0) {
            throw new IllegalArgumentException("the " + board + " board has no known power/reset pins (power " + power
                    + ", reset " + reset + "); set powerPin and resetPin in configuration " + GpioAtxTarget.PID_HINT);
        }
        return this;
    }

    int level(boolean active, boolean activeLow) {
        return active != activeLow ? 1 : 0;
    }
}
