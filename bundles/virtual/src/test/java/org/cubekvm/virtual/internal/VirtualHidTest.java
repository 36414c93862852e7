package org.cubekvm.virtual.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cubekvm.api.hid.HidListener;
import org.cubekvm.api.hid.KeyboardLeds;
import org.cubekvm.api.hid.Modifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VirtualHidTest {
    private static final int SHIFT = Modifiers.LEFT_SHIFT;
    private static final int ALTGR = Modifiers.RIGHT_ALT;
    private static final int A = 0x04;
    private static final int B = 0x05;
    private static final int C = 0x06;
    private static final int E = 0x08;
    private static final int H = 0x0B;
    private static final int SPACE = 0x2C;

    static final class RecordingListener implements HidListener {
        final List<KeyboardLeds> leds = new ArrayList<>();
        final List<Boolean> online = new ArrayList<>();

        @Override
        public void ledsChanged(KeyboardLeds state) {
            leds.add(state);
        }

        @Override
        public void onlineChanged(boolean state) {
            online.add(state);
        }
    }

    @Test
    void typingHelloWorldOnEnUsEchoesAndRecordsIt() {
        Machine machine = new Machine("en-US");
        machine.type("hello world\n");
        assertEquals("hello world\n", machine.typed());
        ScreenContent content = machine.content();
        boolean echoed = false;
        for (int row = 1; row < content.rows(); row++) {
            echoed |= content.rowText(row).equals("user@cubekvm:~$ hello world");
        }
        assertTrue(echoed, "the shell echoes the line after its prompt");
    }

    @Test
    void rawReportsTypeWithShiftAndEnter() {
        Machine machine = new Machine("en-US");
        machine.tap(SHIFT, H);
        machine.tap(0, 0x0C); // i
        machine.tap(Modifiers.RIGHT_SHIFT, 0x1E); // !
        machine.tap(0, UsbKeyboardHost.ENTER);
        machine.tap(0, UsbKeyboardHost.KEYPAD_ENTER);
        assertEquals("Hi!\n\n", machine.typed());
    }

    @Test
    void germanTextWithUmlautsAltGrAndDigits() {
        Machine machine = new Machine("de-DE");
        machine.type("Grüße, 123! @€{[]}\\|~ y");
        assertEquals("Grüße, 123! @€{[]}\\|~ y", machine.typed());
    }

    @Test
    void germanAltGrReportsTypeTheThirdLevel() {
        Machine machine = new Machine("de-DE");
        machine.tap(ALTGR, 0x14); // q
        machine.tap(ALTGR, 0x08); // e
        machine.tap(0, 0x1C); // the US Y key is z on QWERTZ
        machine.tap(Modifiers.LEFT_ALT, 0x14); // left Alt is not AltGr: a shortcut, types nothing
        assertEquals("@€z", machine.typed());
    }

    @Test
    void frenchDeadCircumflexComposesWithTheNextKey() {
        Machine machine = new Machine("fr-FR");
        machine.tap(0, 0x2F); // dead ^
        assertEquals("", machine.typed(), "a dead key alone types nothing yet");
        machine.tap(0, E);
        machine.tap(SHIFT, 0x2F); // dead ¨
        machine.tap(0, E);
        machine.tap(0, 0x2F);
        machine.tap(0, SPACE); // dead key + space types the accent
        machine.tap(0, 0x2F);
        machine.tap(0, 0x1B); // x does not compose: accent, then x
        machine.tap(SHIFT, 0x1E); // digits need Shift on AZERTY
        machine.tap(0, 0x1E);
        assertEquals("êë^^x1&", machine.typed());
    }

    @Test
    void germanDeadKeysComposeAcuteAndGrave() {
        Machine machine = new Machine("de-DE");
        machine.type("é è â ´ ` ^");
        assertEquals("é è â ´ ` ^", machine.typed());
    }

    @Test
    void capsLockTogglesOnKeyDownReportsTheLedAndInvertsLetterCase() {
        Machine machine = new Machine("de-DE");
        RecordingListener listener = new RecordingListener();
        machine.hid.addListener(listener);
        machine.report(0, UsbKeyboardHost.CAPS_LOCK);
        assertEquals(List.of(new KeyboardLeds(false, true, false)), listener.leds, "toggled on key-down");
        machine.report(0, UsbKeyboardHost.CAPS_LOCK); // still held: no second toggle
        machine.report(0);
        assertEquals(1, listener.leds.size(), "release changes nothing");
        assertTrue(machine.hid.leds().capsLock());
        machine.tap(0, A);
        machine.tap(SHIFT, A);
        machine.tap(0, 0x34); // ä
        machine.tap(0, 0x1E); // digits are not letters
        assertEquals("AaÄ1", machine.typed());
        machine.tap(0, UsbKeyboardHost.CAPS_LOCK);
        assertEquals(List.of(new KeyboardLeds(false, true, false), KeyboardLeds.OFF), listener.leds);
        assertFalse(machine.hid.leds().capsLock());
        machine.tap(0, A);
        assertEquals("AaÄ1a", machine.typed());
    }

    @Test
    void numLockEnablesKeypadDigitsAndScrollLockHasItsLed() {
        Machine machine = new Machine("en-US");
        RecordingListener listener = new RecordingListener();
        machine.hid.addListener(listener);
        machine.tap(0, 0x59); // keypad 1 without Num Lock: End, types nothing
        machine.tap(0, UsbKeyboardHost.NUM_LOCK);
        machine.tap(0, 0x59);
        machine.tap(0, 0x62);
        machine.tap(0, 0x57); // keypad +
        machine.tap(0, UsbKeyboardHost.SCROLL_LOCK);
        assertEquals("10+", machine.typed());
        assertEquals(new KeyboardLeds(true, false, true), machine.hid.leds());
        assertEquals(List.of(new KeyboardLeds(true, false, false), new KeyboardLeds(true, false, true)), listener.leds);
    }

    @Test
    void aKeyHeldAcrossReportsActsOnceAndAgainAfterRelease() {
        Machine machine = new Machine("en-US");
        machine.report(0, A);
        machine.report(0, A);
        machine.report(0, A);
        assertEquals("a", machine.typed());
        machine.report(0, A, B); // b joins while a is held
        machine.report(0, B, A); // order in the report does not matter
        machine.report(SHIFT, A, B); // a modifier change is not a new key press
        assertEquals("ab", machine.typed());
        machine.report(0, B);
        machine.report(0, A, B);
        assertEquals("aba", machine.typed());
        machine.report(0);
        machine.report(0, C, C); // the same key twice in one report is one key
        assertEquals("abac", machine.typed());
    }

    @Test
    void rollOverErrorKeepsTheKeysThatWereDown() {
        Machine machine = new Machine("en-US");
        machine.report(0, A);
        machine.report(0, 1, 1, 1, 1, 1, 1);
        machine.report(0, A);
        assertEquals("a", machine.typed());
    }

    @Test
    void backspaceEditsTheCurrentLineOnly() {
        Machine machine = new Machine("en-US");
        machine.type("ab\ncd");
        machine.tap(0, UsbKeyboardHost.BACKSPACE);
        machine.tap(0, UsbKeyboardHost.BACKSPACE);
        machine.tap(0, UsbKeyboardHost.BACKSPACE); // nothing left on this line
        machine.type("x");
        assertEquals("ab\nx", machine.typed());
    }

    @Test
    void ctrlCInterruptsWithoutTyping() {
        Machine machine = new Machine("en-US");
        machine.type("abc");
        machine.tap(Modifiers.LEFT_CTRL, C);
        machine.type("d");
        assertEquals("abcd", machine.typed());
    }

    @Test
    void theLayoutCanBeSwitchedLive() {
        Machine machine = new Machine("en-US");
        machine.tap(0, 0x1C);
        machine.hid.layout("de-DE");
        machine.tap(0, 0x1C);
        assertEquals("yz", machine.typed());
        assertEquals("de-DE", machine.hid.layoutId());
        assertThrows(IllegalArgumentException.class, () -> machine.hid.layout("xx-XX"));
        assertEquals("de-DE", machine.hid.layoutId());
    }

    @Test
    void reportsGoNowhereWhilePoweredOffAndPowerOnResetsTheHost() {
        Machine machine = new Machine("en-US");
        RecordingListener listener = new RecordingListener();
        machine.hid.addListener(listener);
        machine.tap(0, UsbKeyboardHost.CAPS_LOCK);
        machine.type("a");
        assertTrue(machine.hid.online());
        machine.power.pressPower();
        assertFalse(machine.hid.online());
        machine.tap(0, B);
        machine.hid.mouseAbsolute(1, 0, 0, 0);
        assertEquals(0, machine.content().buttons());
        machine.power.pressPower();
        assertTrue(machine.hid.online());
        assertEquals(List.of(false, true), listener.online);
        assertEquals(KeyboardLeds.OFF, machine.hid.leds(), "a booting host starts with its LEDs off");
        assertEquals("", machine.typed(), "typed is what was typed since boot");
        machine.type("c");
        assertEquals("c", machine.typed());
    }

    @ParameterizedTest
    @CsvSource({"-1", "1", "9"})
    void malformedKeyboardReportsAreRefused(int offset) {
        Machine machine = new Machine("en-US");
        assertThrows(IllegalArgumentException.class, () -> machine.hid.keyboard(new byte[8], offset));
        assertThrows(IllegalArgumentException.class, () -> machine.hid.keyboard(null, 0));
    }

    @Test
    void aReportMayStartAtAnOffset() {
        Machine machine = new Machine("en-US");
        byte[] message = {0x01, 0, 0, A, 0, 0, 0, 0, 0};
        machine.hid.keyboard(message, 1);
        assertEquals("a", machine.typed());
    }

    @Test
    void heldKeysAreWhatTheLastReportHoldsAndEmptyAfterRelease() {
        Machine machine = new Machine("en-US");
        machine.report(SHIFT, A, B);
        VirtualState.Held held = machine.hid.held();
        assertArrayEquals(new int[] {A, B}, held.keys());
        assertEquals(SHIFT, held.modifiers());
        machine.report(0);
        assertArrayEquals(new int[0], machine.hid.held().keys());
        assertEquals(0, machine.hid.held().modifiers());
    }
}
