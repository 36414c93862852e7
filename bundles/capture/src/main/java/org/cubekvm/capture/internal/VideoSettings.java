package org.cubekvm.capture.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.RateControl;

/**
 * Validated video settings ({@code /api/video/settings}): the immutable configuration of the
 * capture channels; a change builds new runtime state from it.
 *
 * @param resolution      "auto" or WIDTHxHEIGHT from {@link VideoSettingsParser#RESOLUTIONS}
 * @param fps             1..60
 * @param mjpegQuality    10..100
 * @param h264BitrateKbps 100..20000
 * @param gop             1..600
 * @param rateControl     "cbr" or "vbr"
 */
record VideoSettings(String resolution, int fps, int mjpegQuality, int h264BitrateKbps, int gop, String rateControl) {
    static final VideoSettings DEFAULTS = new VideoSettings("auto", 30, 80, 4000, 300, "cbr");

    int width() {
        return "auto".equals(resolution) ? 0 : Integer.parseInt(resolution.substring(0, resolution.indexOf('x')));
    }

    int height() {
        return "auto".equals(resolution) ? 0 : Integer.parseInt(resolution.substring(resolution.indexOf('x') + 1));
    }

    EncoderSettings encoderSettings(Codec codec) {
        return encoderSettings(codec, h264BitrateKbps);
    }

    /** With the H.264 bitrate capped for slow viewers (docs/video.md "Slow links"). */
    EncoderSettings encoderSettings(Codec codec, int bitrateKbps) {
        return new EncoderSettings(codec, width(), height(), fps, mjpegQuality, bitrateKbps, gop,
                "vbr".equals(rateControl) ? RateControl.VBR : RateControl.CBR);
    }

    /** As the REST API shows it, in the docs/api.md field order. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("resolution", resolution);
        map.put("fps", fps);
        map.put("mjpegQuality", mjpegQuality);
        map.put("h264BitrateKbps", h264BitrateKbps);
        map.put("gop", gop);
        map.put("rateControl", rateControl);
        return map;
    }
}
