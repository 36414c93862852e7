package org.cubekvm.mjpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PartHeaderTest {
    @Test
    void firstPartStartsWithTheBoundaryAndCarriesTheFrameHeaders() {
        PartHeader header = new PartHeader();
        int length = header.format(true, 12345, 1763700000123456L, 42);
        assertEquals("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: 12345\r\nX-Timestamp: 1763700000123456\r\n"
                + "X-Frame-Seq: 42\r\n\r\n", new String(header.bytes, 0, length, StandardCharsets.US_ASCII));
    }

    @Test
    void laterPartsFirstEndThePreviousBody() {
        PartHeader header = new PartHeader();
        int length = header.format(false, 0, 0, 1);
        String text = new String(header.bytes, 0, length, StandardCharsets.US_ASCII);
        assertEquals("\r\n--frame\r\n", text.substring(0, 11));
        assertEquals(true, text.contains("Content-Length: 0\r\n"));
    }

    @Test
    void queryParameterOutOfRangeNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueryParameters.intParameter("0", "fps", 1, 60, 0));
        assertEquals(true, e.getMessage().startsWith("fps must be"));
        assertEquals(0, QueryParameters.intParameter(null, "fps", 1, 60, 0));
        assertEquals(15, QueryParameters.intParameter("15", "fps", 1, 60, 0));
    }
}
