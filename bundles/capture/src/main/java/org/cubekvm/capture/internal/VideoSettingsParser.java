package org.cubekvm.capture.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns loosely typed input (a JSON object, ConfigAdmin properties) into {@link VideoSettings},
 * merging onto the current values: fields left out keep their value. Every failure names the
 * field; nothing is applied unless everything is valid.
 */
final class VideoSettingsParser {
    static final List<String> RESOLUTIONS = List.of("auto", "1920x1080", "1600x900", "1366x768", "1280x1024",
            "1280x720", "1024x768", "800x600", "640x480");
    static final List<String> FIELDS = List.of("resolution", "fps", "mjpegQuality", "h264BitrateKbps", "gop", "rateControl");

    private VideoSettingsParser() {
    }

    /**
     * @param ignoreUnknown true for ConfigAdmin properties (which carry service.pid and others),
     *                      false for API input, where an unknown field is an error
     * @throws IllegalArgumentException naming the bad field
     */
    static VideoSettings merge(VideoSettings current, Map<String, ?> input, boolean ignoreUnknown) {
        if (!ignoreUnknown) {
            for (String key : input.keySet()) {
                if (!FIELDS.contains(key)) {
                    throw new IllegalArgumentException("unknown field '" + key + "'; the video settings are " + FIELDS);
                }
            }
        }
        Map<String, Object> values = new LinkedHashMap<>(current.toMap());
        for (String field : FIELDS) {
            if (input.containsKey(field)) {
                values.put(field, input.get(field));
            }
        }
        String resolution = text(values, "resolution");
        if (!RESOLUTIONS.contains(resolution)) {
            throw new IllegalArgumentException("resolution must be one of " + RESOLUTIONS + ", was '" + resolution + "'");
        }
        String rateControl = text(values, "rateControl").toLowerCase(java.util.Locale.ROOT);
        if (!rateControl.equals("cbr") && !rateControl.equals("vbr")) {
            throw new IllegalArgumentException("rateControl must be \"cbr\" or \"vbr\", was '" + rateControl + "'");
        }
        return new VideoSettings(resolution, integer(values, "fps", 1, 60), integer(values, "mjpegQuality", 10, 100),
                integer(values, "h264BitrateKbps", 100, 20000), integer(values, "gop", 1, 600), rateControl);
    }

    private static String text(Map<String, Object> values, String field) {
        Object value = values.get(field);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(field + " must be a string, was " + describe(value));
        }
        return text.trim();
    }

    private static int integer(Map<String, Object> values, String field, int min, int max) {
        Object value = values.get(field);
        long number;
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(field + " must be a whole number, was " + value);
            }
            number = (long) d;
        } else if (value instanceof String s && s.trim().matches("-?\\d{1,9}")) {
            number = Long.parseLong(s.trim());
        } else {
            throw new IllegalArgumentException(field + " must be a whole number " + min + ".." + max + ", was " + describe(value));
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", was " + number);
        }
        return (int) number;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        return (value instanceof String ? "'" + text + "'" : text).length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
