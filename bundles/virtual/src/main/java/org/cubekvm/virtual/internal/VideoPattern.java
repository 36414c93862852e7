package org.cubekvm.virtual.internal;

import java.nio.ByteBuffer;

/**
 * The picture of the console's {@code video} command: a moving colour "plasma" (three sine waves
 * travelling in different directions, through a cyclic palette) over a band of rows. Every pixel
 * changes every frame, smoothly, so an H.264 encoder has real work at any bitrate: openh264 needs
 * about 5.4 Mbit/s at 1280×720 (11 at 1920×1080) at its finest quantiser and 0.6 (1.4) at the
 * coarsest CubeKVM allows, so a 4 Mbit/s setting is filled and a lower target is obeyed
 * (docs/video.md).
 * <p>
 * Deterministic: frame {@code n} is always the same picture. Drawn in place with absolute puts,
 * nothing allocated per frame (the column table is sized once per screen width). Not
 * thread-safe: {@link ScreenContent} guards it.
 */
final class VideoPattern {
    private static final int SINE_STEPS = 1024;
    private static final int SINE_MASK = SINE_STEPS - 1;
    /** One period of a sine, 0..127. */
    private final int[] sine = new int[SINE_STEPS];
    /** 256 colours round the hue circle, 0x00RRGGBB (written little-endian: B, G, R, X). */
    private final int[] palette = new int[256];
    /** The per-column wave of the frame being drawn. */
    private int[] columns = new int[0];

    VideoPattern() {
        for (int i = 0; i < SINE_STEPS; i++) {
            sine[i] = (int) Math.round(63.5 + 63.5 * Math.sin(i * 2 * Math.PI / SINE_STEPS));
        }
        for (int i = 0; i < palette.length; i++) {
            double angle = i * 2 * Math.PI / palette.length;
            int red = channel(angle);
            int green = channel(angle + 2 * Math.PI / 3);
            int blue = channel(angle + 4 * Math.PI / 3);
            palette[i] = red << 16 | green << 8 | blue;
        }
    }

    private static int channel(double angle) {
        return (int) Math.round(128 + 127 * Math.sin(angle));
    }

    /**
     * Paints frame {@code frame} into rows {@code top..bottom-1}, columns {@code 0..width-1}, of a
     * BGRX buffer with {@code stride} bytes per row; nothing outside that band is touched.
     *
     * @throws IllegalArgumentException when the band does not fit the buffer
     */
    void paint(ByteBuffer pixels, int stride, int width, int top, int bottom, long frame) {
        if (width < 0 || top < 0 || bottom < top || stride < width * 4 || (long) bottom * stride > pixels.capacity()) {
            throw new IllegalArgumentException("band " + width + "x" + top + ".." + bottom + " (stride " + stride
                    + ") does not fit a buffer of " + pixels.capacity() + " bytes");
        }
        if (columns.length < width) {
            columns = new int[width]; // once per screen width, not per frame
        }
        int t = (int) (frame & 0xFFFFF);
        for (int x = 0; x < width; x++) {
            columns[x] = sine[(x + 3 * t) & SINE_MASK];
        }
        for (int y = top; y < bottom; y++) {
            int row = sine[(y - 2 * t) & SINE_MASK] + t;
            int diagonal = y + 5 * t;
            int offset = y * stride;
            for (int x = 0; x < width; x++) {
                int value = columns[x] + row + sine[((x >> 1) + diagonal) & SINE_MASK];
                pixels.putInt(offset + x * 4, palette[value & 0xFF]);
            }
        }
    }
}
