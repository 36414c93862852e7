package org.cubekvm.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiErrorTest {
    private static String json(String code, String message) {
        return new String(new ApiError(code, message).toJson(), StandardCharsets.UTF_8);
    }

    @Test
    void writesTheErrorShape() {
        assertEquals("{\"error\":\"bad_request\",\"message\":\"Width must be a number\"}",
                json("bad_request", "Width must be a number"));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("{\"error\":\"x\",\"message\":\"a\\\"b\\\\c\\nd\\te\\u0001\"}", json("x", "a\"b\\c\nd\te\u0001"));
    }

    @Test
    void htmlSignificantCharactersLeaveAsUnicodeEscapesLikeGsonDoes() {
        assertEquals("{\"error\":\"x\",\"message\":\"\\u003cscript\\u003e \\u0026 \\u0027a\\u0027\\u003d1\"}",
                json("x", "<script> & 'a'=1"));
    }

    @Test
    void keepsNonAsciiTextAsUtf8() {
        byte[] body = new ApiError("x", "größe …").toJson();
        assertEquals("{\"error\":\"x\",\"message\":\"größe …\"}", new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void printableReplacesControlAndNonAsciiCharactersAndCutsLongInput() {
        assertEquals("a?b?", ApiError.printable("a\nbé"));
        assertEquals("null", ApiError.printable(null));
        assertEquals("x".repeat(60) + "…", ApiError.printable("x".repeat(61)));
        assertEquals("42", ApiError.printable(42));
    }
}
