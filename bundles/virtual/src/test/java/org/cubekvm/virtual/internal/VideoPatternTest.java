package org.cubekvm.virtual.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class VideoPatternTest {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 96;
    private static final int STRIDE = WIDTH * 4;
    private static final int SENTINEL = 0x5A5A5A5A;

    private static ByteBuffer filled() {
        ByteBuffer pixels = ByteBuffer.allocateDirect(STRIDE * HEIGHT).order(ByteOrder.LITTLE_ENDIAN);
        for (int offset = 0; offset < pixels.capacity(); offset += 4) {
            pixels.putInt(offset, SENTINEL);
        }
        return pixels;
    }

    @Test
    void aFrameIsTheSamePictureWheneverItIsDrawn() {
        ByteBuffer first = filled();
        ByteBuffer second = filled();
        new VideoPattern().paint(first, STRIDE, WIDTH, 0, HEIGHT, 1234);
        VideoPattern other = new VideoPattern();
        other.paint(second, STRIDE, WIDTH, 0, HEIGHT, 7);
        other.paint(second, STRIDE, WIDTH, 0, HEIGHT, 1234);
        assertEquals(first, second, "frame 1234 from a fresh pattern and after frame 7 of another one");
    }

    @Test
    void everyFrameChangesMostOfThePicture() {
        VideoPattern pattern = new VideoPattern();
        ByteBuffer before = filled();
        ByteBuffer after = filled();
        for (long frame = 0; frame < 600; frame += 37) {
            pattern.paint(before, STRIDE, WIDTH, 0, HEIGHT, frame);
            pattern.paint(after, STRIDE, WIDTH, 0, HEIGHT, frame + 1);
            int changed = 0;
            for (int offset = 0; offset < before.capacity(); offset += 4) {
                if (before.getInt(offset) != after.getInt(offset)) {
                    changed++;
                }
            }
            assertTrue(changed > WIDTH * HEIGHT / 2, "frame " + frame + " → " + (frame + 1) + ": only " + changed
                    + " of " + WIDTH * HEIGHT + " pixels changed");
        }
    }

    @Test
    void thePictureIsColourfulNotFlat() {
        ByteBuffer pixels = filled();
        new VideoPattern().paint(pixels, STRIDE, WIDTH, 0, HEIGHT, 42);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int offset = 0; offset < pixels.capacity(); offset += 4) {
            int rgb = pixels.getInt(offset);
            assertEquals(0, rgb >>> 24, "the padding byte stays 0 like the console's pixels");
            colours.add(rgb);
        }
        assertTrue(colours.size() > 50, colours.size() + " colours");
    }

    @Test
    void onlyTheBandIsWritten() {
        ByteBuffer pixels = filled();
        int width = WIDTH - 10;
        new VideoPattern().paint(pixels, STRIDE, width, 16, 80, 3);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean inside = y >= 16 && y < 80 && x < width;
                int value = pixels.getInt(y * STRIDE + x * 4);
                if (inside) {
                    assertNotEquals(SENTINEL, value, "pixel " + x + "," + y + " inside the band");
                } else {
                    assertEquals(SENTINEL, value, "pixel " + x + "," + y + " outside the band");
                }
            }
        }
    }

    @Test
    void aBandThatDoesNotFitIsRefusedBeforeAnythingIsDrawn() {
        ByteBuffer pixels = filled();
        VideoPattern pattern = new VideoPattern();
        assertThrows(IllegalArgumentException.class, () -> pattern.paint(pixels, STRIDE, WIDTH, 0, HEIGHT + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> pattern.paint(pixels, STRIDE, WIDTH + 1, 0, HEIGHT, 0));
        assertThrows(IllegalArgumentException.class, () -> pattern.paint(pixels, STRIDE, WIDTH, 20, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> pattern.paint(pixels, STRIDE, WIDTH, -1, 10, 0));
        assertEquals(filled(), pixels, "nothing drawn");
    }
}
