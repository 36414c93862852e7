package org.cubekvm.api.video;

import java.util.Objects;

/**
 * What an encoder channel produces.
 *
 * @param codec       output format
 * @param width       output width in pixels (0 = the source's size)
 * @param height      output height in pixels (0 = the source's size)
 * @param fps         frames per second, 1..60
 * @param quality     JPEG quality, 10..100 (MJPEG only)
 * @param bitrateKbps target bitrate, 100..20000 (H.264 only)
 * @param gop         frames between forced key frames, 1..600 (H.264 only)
 * @param rateControl H.264 rate control
 */
public record EncoderSettings(Codec codec, int width, int height, int fps, int quality,
        int bitrateKbps, int gop, RateControl rateControl) {
    public EncoderSettings {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(rateControl, "rateControl");
        if (fps < 1 || fps > 60) throw new IllegalArgumentException("fps must be 1..60, was " + fps);
        if (quality < 10 || quality > 100) throw new IllegalArgumentException("quality must be 10..100, was " + quality);
        if (bitrateKbps < 100 || bitrateKbps > 20000) throw new IllegalArgumentException("bitrateKbps must be 100..20000, was " + bitrateKbps);
        if (gop < 1 || gop > 600) throw new IllegalArgumentException("gop must be 1..600, was " + gop);
        if (width < 0 || height < 0) throw new IllegalArgumentException("width/height must not be negative");
    }
}
