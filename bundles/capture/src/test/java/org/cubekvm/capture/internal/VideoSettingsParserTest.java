package org.cubekvm.capture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class VideoSettingsParserTest {
    @Test
    void fieldsLeftOutKeepTheirValue() {
        VideoSettings changed = VideoSettingsParser.merge(VideoSettings.DEFAULTS, Map.of("fps", 10.0), false);
        assertEquals(10, changed.fps());
        assertEquals(VideoSettings.DEFAULTS.mjpegQuality(), changed.mjpegQuality());
        assertEquals("auto", changed.resolution());
    }

    @Test
    void configAdminStringsAreAccepted() {
        VideoSettings parsed = VideoSettingsParser.merge(VideoSettings.DEFAULTS,
                Map.of("fps", "15", "resolution", "1280x720", "service.pid", "x"), true);
        assertEquals(15, parsed.fps());
        assertEquals(1280, parsed.width());
        assertEquals(720, parsed.height());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of("fps", 0.0), "fps"),
                Arguments.of(Map.of("fps", 61.0), "fps"),
                Arguments.of(Map.of("fps", 12.5), "fps"),
                Arguments.of(Map.of("fps", "abc"), "fps"),
                Arguments.of(Map.of("resolution", "123x45"), "resolution"),
                Arguments.of(Map.of("resolution", 1280.0), "resolution"),
                Arguments.of(Map.of("mjpegQuality", 5.0), "mjpegQuality"),
                Arguments.of(Map.of("h264BitrateKbps", 99.0), "h264BitrateKbps"),
                Arguments.of(Map.of("gop", 601.0), "gop"),
                Arguments.of(Map.of("rateControl", "abr"), "rateControl"),
                Arguments.of(Map.of("frobnicate", true), "frobnicate"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidInputNamesTheField(Map<String, Object> input, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VideoSettingsParser.merge(VideoSettings.DEFAULTS, input, false));
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }
}
