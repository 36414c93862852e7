package org.cubekvm.hid.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.cubekvm.api.hid.Modifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PastePlanTest {
    private static final TinyLayout LAYOUT = new TinyLayout();
    private static final int SHIFT = Modifiers.LEFT_SHIFT << 8;
    private static final int ALTGR = Modifiers.RIGHT_ALT << 8;
    private static final int CASED = PastePlan.CASED_LETTER;

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("lower case", "ab", new int[] {0x04 | CASED, 0x05 | CASED}, new int[] {1, 2}),
                Arguments.of("shift", "A", new int[] {0x04 | SHIFT | CASED}, new int[] {1}),
                Arguments.of("AltGr", "@", new int[] {0x14 | ALTGR}, new int[] {1}),
                Arguments.of("dead key then base", "â", new int[] {0x35, 0x04 | CASED}, new int[] {2}),
                Arguments.of("dead key then space", "^", new int[] {0x35, 0x2C}, new int[] {2}),
                Arguments.of("CRLF is one Enter", "a\r\nb", new int[] {0x04 | CASED, 0x28, 0x05 | CASED}, new int[] {1, 2, 3}),
                Arguments.of("lone CR is Enter", "\r", new int[] {0x28}, new int[] {1}),
                Arguments.of("decomposed accent is composed first", "e\u0302", new int[] {0x35, 0x08 | CASED}, new int[] {2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plans(String name, String text, int[] strokes, int[] ends) throws Exception {
        PastePlan plan = PastePlan.of(LAYOUT, text);
        assertArrayEquals(strokes, plan.strokes(), name);
        assertArrayEquals(ends, plan.ends(), name);
        assertEquals("xx-TINY", plan.layout());
    }

    @Test
    void untypeableCharactersAreListedOnceInOrder() {
        PastePlan.UntypeableException e = assertThrows(PastePlan.UntypeableException.class,
                () -> PastePlan.of(LAYOUT, "a€b€\u0007😀"));
        assertEquals(List.of(0x20AC, 0x07, 0x1F600), e.codePoints());
        assertEquals("'€' (U+20AC), U+0007, '😀' (U+1F600)", PastePlan.describe(e.codePoints()));
    }

    @Test
    void longListsAreCut() {
        List<Integer> many = Stream.iterate(0x4E00, c -> c + 1).limit(25).toList();
        String text = PastePlan.describe(many);
        assertEquals(true, text.endsWith(" and 5 more"), text);
    }
}
