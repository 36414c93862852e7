package org.cubekvm.keymap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cubekvm.api.hid.KeyStroke;
import org.cubekvm.api.hid.KeyboardLayout;
import org.cubekvm.api.hid.Modifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyboardLayoutsTest {
    private static final BuiltInKeyboardLayouts LAYOUTS = new BuiltInKeyboardLayouts();

    private static final int SHIFT = Modifiers.LEFT_SHIFT;
    private static final int ALTGR = Modifiers.RIGHT_ALT;

    static KeyboardLayout layout(String id) {
        KeyboardLayout layout = LAYOUTS.layout(id);
        assertNotNull(layout, id);
        return layout;
    }

    /** Types the strokes the way a host with the layout would, dead keys included. */
    static String typeBack(KeyboardLayout layout, List<KeyStroke> strokes) {
        StringBuilder typed = new StringBuilder();
        int pendingAccent = KeyboardLayout.NONE;
        for (KeyStroke stroke : strokes) {
            boolean shift = (stroke.modifiers() & Modifiers.ANY_SHIFT) != 0;
            boolean altGr = (stroke.modifiers() & Modifiers.RIGHT_ALT) != 0;
            int value = layout.codePointFor(stroke.usage(), shift, altGr);
            assertNotEquals(KeyboardLayout.NONE, value, "stroke " + stroke + " types nothing on " + layout.id());
            if ((value & KeyboardLayout.DEAD_KEY) != 0) {
                pendingAccent = value & ~KeyboardLayout.DEAD_KEY;
            } else if (pendingAccent != KeyboardLayout.NONE) {
                typed.appendCodePoint(layout.compose(pendingAccent, value));
                pendingAccent = KeyboardLayout.NONE;
            } else {
                typed.appendCodePoint(value);
            }
        }
        assertEquals(KeyboardLayout.NONE, pendingAccent, "a dead key was left pending");
        return typed.toString();
    }

    static List<KeyStroke> strokes(KeyboardLayout layout, String text) {
        List<KeyStroke> all = new ArrayList<>();
        text.codePoints().forEach(cp -> all.addAll(layout.strokesFor(cp)));
        return all;
    }

    @Test
    void idsListEnUsFirstAndEveryLayoutLoads() {
        assertEquals(List.of("en-US", "en-GB", "de-DE", "fr-FR"), LAYOUTS.ids());
        for (String id : LAYOUTS.ids()) {
            assertEquals(id, layout(id).id());
            assertTrue(!layout(id).displayName().isBlank());
        }
        assertNull(LAYOUTS.layout("xx-XX"));
        assertNull(LAYOUTS.layout(null));
    }

    static Stream<Arguments> printableAscii() {
        List<Arguments> cases = new ArrayList<>();
        for (String id : LAYOUTS.ids()) {
            for (int c = 0x20; c <= 0x7e; c++) {
                cases.add(Arguments.of(id, c));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} U+{1}")
    @MethodSource("printableAscii")
    void everyPrintableAsciiCharacterRoundTrips(String id, int codePoint) {
        KeyboardLayout layout = layout(id);
        List<KeyStroke> strokes = layout.strokesFor(codePoint);
        // All four layouts can type all of printable ASCII (de-DE and fr-FR through AltGr and dead keys).
        assertTrue(!strokes.isEmpty(), id + " cannot type '" + Character.toString(codePoint) + "'");
        assertEquals(Character.toString(codePoint), typeBack(layout, strokes));
    }

    @ParameterizedTest
    @CsvSource({
        "en-US, '\n', 0x28", "en-US, '\t', 0x2B", "en-US, ' ', 0x2C",
        "de-DE, '\n', 0x28", "fr-FR, '\t', 0x2B", "en-GB, ' ', 0x2C"})
    void newlineTabAndSpaceAreEnterTabAndSpace(String id, String character, String usage) {
        assertEquals(List.of(new KeyStroke(Integer.decode(usage), 0)), layout(id).strokesFor(character.codePointAt(0)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en-US | Hello, World! 123",
        "en-GB | £5 costs €6 ¬ \"quoted\" @home #tag",
        "de-DE | Grüße, 123! Öl Äpfel ß µ ² ³ § °",
        "de-DE | @€{[]}\\|~",
        "de-DE | âêîôû áéíóú àèìòù ÂÉÙ ^ ´ `",
        "fr-FR | ça coûte 12 € à Noël, où êtes-vous ? ù % µ £ ¤ § ²",
        "fr-FR | äëïöüÿ âêîôû ÄÖÜ ^ ¨",
        "en-GB | áéíóú ÁÉÍÓÚ ¦"})
    void textRoundTrips(String id, String text) {
        KeyboardLayout layout = layout(id);
        for (int cp : text.codePoints().toArray()) {
            assertTrue(!layout.strokesFor(cp).isEmpty(), id + " cannot type '" + Character.toString(cp) + "'");
        }
        assertEquals(text, typeBack(layout, strokes(layout, text)));
    }

    @Test
    void germanTypesUmlautsDirectlyAndSwapsYz() {
        KeyboardLayout de = layout("de-DE");
        assertEquals(List.of(new KeyStroke(0x2F, 0)), de.strokesFor('ü'));
        assertEquals(List.of(new KeyStroke(0x2D, 0)), de.strokesFor('ß'));
        assertEquals(List.of(new KeyStroke(0x1D, 0)), de.strokesFor('y'));
        assertEquals(List.of(new KeyStroke(0x1C, SHIFT)), de.strokesFor('Z'));
        assertEquals(List.of(new KeyStroke(0x1E, SHIFT)), de.strokesFor('!'));
        assertEquals(List.of(new KeyStroke(0x36, 0)), de.strokesFor(','));
    }

    @ParameterizedTest
    @CsvSource({"'@', 0x14", "'€', 0x08", "'{', 0x24", "'[', 0x25", "']', 0x26", "'}', 0x27", "'\\', 0x2D",
        "'|', 0x64", "'~', 0x30"})
    void germanSpecialCharactersUseAltGr(String character, String usage) {
        assertEquals(List.of(new KeyStroke(Integer.decode(usage), ALTGR)), layout("de-DE").strokesFor(character.codePointAt(0)));
    }

    @Test
    void germanCaretAcuteAndGraveAreDeadKeys() {
        KeyboardLayout de = layout("de-DE");
        assertEquals(KeyboardLayout.DEAD_KEY | '^', de.codePointFor(0x35, false, false));
        assertEquals(KeyboardLayout.DEAD_KEY | '´', de.codePointFor(0x2E, false, false));
        assertEquals(KeyboardLayout.DEAD_KEY | '`', de.codePointFor(0x2E, true, false));
        assertEquals(List.of(new KeyStroke(0x35, 0), new KeyStroke(0x2C, 0)), de.strokesFor('^'));
        assertEquals(List.of(new KeyStroke(0x2E, 0), new KeyStroke(0x08, 0)), de.strokesFor('é'));
        assertEquals(List.of(new KeyStroke(0x2E, SHIFT), new KeyStroke(0x04, SHIFT)), de.strokesFor('À'));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"})
    void frenchDigitsNeedShift(String digit) {
        List<KeyStroke> strokes = layout("fr-FR").strokesFor(digit.charAt(0));
        assertEquals(1, strokes.size());
        assertEquals(SHIFT, strokes.get(0).modifiers());
        int usage = digit.equals("0") ? 0x27 : 0x1E + digit.charAt(0) - '1';
        assertEquals(usage, strokes.get(0).usage());
    }

    @Test
    void frenchAzertyLettersAndUnshiftedNumberRow() {
        KeyboardLayout fr = layout("fr-FR");
        assertEquals(List.of(new KeyStroke(0x14, 0)), fr.strokesFor('a'));
        assertEquals(List.of(new KeyStroke(0x04, 0)), fr.strokesFor('q'));
        assertEquals(List.of(new KeyStroke(0x33, 0)), fr.strokesFor('m'));
        assertEquals(List.of(new KeyStroke(0x1F, 0)), fr.strokesFor('é'));
        assertEquals(List.of(new KeyStroke(0x27, 0)), fr.strokesFor('à'));
        assertEquals(List.of(new KeyStroke(0x27, ALTGR)), fr.strokesFor('@'));
        assertEquals('&', fr.codePointFor(0x1E, false, false));
    }

    @Test
    void frenchCircumflexUsesTheDeadKey() {
        KeyboardLayout fr = layout("fr-FR");
        assertEquals(List.of(new KeyStroke(0x2F, 0), new KeyStroke(0x08, 0)), fr.strokesFor('ê'));
        assertEquals(List.of(new KeyStroke(0x2F, SHIFT), new KeyStroke(0x08, 0)), fr.strokesFor('ë'));
        assertEquals(KeyboardLayout.DEAD_KEY | '^', fr.codePointFor(0x2F, false, false));
        assertEquals(KeyboardLayout.DEAD_KEY | '¨', fr.codePointFor(0x2F, true, false));
        assertEquals('ê', fr.compose('^', 'e'));
        assertEquals('^', fr.compose('^', ' '));
        assertEquals(KeyboardLayout.NONE, fr.compose('^', 'x'));
        assertEquals(KeyboardLayout.NONE, fr.compose('^', '1'));
    }

    @ParameterizedTest
    @CsvSource({"en-US, ß", "en-US, ä", "en-US, €", "en-GB, ü", "de-DE, ç", "fr-FR, ß", "fr-FR, Ç", "fr-FR, ñ"})
    void charactersALayoutCannotTypeGiveNoStrokes(String id, String character) {
        assertEquals(List.of(), layout(id).strokesFor(character.codePointAt(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "en-GB", "de-DE", "fr-FR"})
    void emojiAndControlCharactersGiveNoStrokes(String id) {
        KeyboardLayout layout = layout(id);
        assertEquals(List.of(), layout.strokesFor(0x1F600));
        assertEquals(List.of(), layout.strokesFor(0x07));
        assertEquals(List.of(), layout.strokesFor(-1));
        assertEquals(KeyboardLayout.NONE, layout.codePointFor(0x00, false, false));
        assertEquals(KeyboardLayout.NONE, layout.codePointFor(0x3A, false, false)); // F1
        assertEquals(KeyboardLayout.NONE, layout.codePointFor(300, false, false));
    }

    @Test
    void isoAndAnsiBackslashKeysTypeTheSameOnTheHost() {
        assertEquals('\\', layout("en-US").codePointFor(0x64, false, false));
        assertEquals('#', layout("de-DE").codePointFor(0x31, false, false));
        assertEquals('#', layout("en-GB").codePointFor(0x31, false, false));
    }
}
