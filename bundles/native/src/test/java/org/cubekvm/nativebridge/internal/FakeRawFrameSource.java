package org.cubekvm.nativebridge.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.cubekvm.api.video.RawFrame;
import org.cubekvm.api.video.RawFrameSource;

/**
 * A raw frame source like the virtual screen: two direct BGRX buffers written alternately. With
 * {@code animate}, every acquire first completes a new picture (a moving block), so every tick
 * differs; otherwise the picture only changes on {@link #renderNext()}. Allocates nothing per frame.
 */
final class FakeRawFrameSource implements RawFrameSource {
    private final Frame[] frames = {new Frame(), new Frame()};
    private volatile int newest = -1;
    private volatile boolean animate;
    private volatile boolean signal = true;
    private long seq;
    private int acquired;
    private int released;

    FakeRawFrameSource(int width, int height, boolean animate) {
        this.animate = animate;
        resize(width, height);
    }

    synchronized void resize(int width, int height) {
        for (Frame frame : frames) {
            frame.pixels = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.LITTLE_ENDIAN);
            frame.width = width;
            frame.height = height;
        }
        newest = -1;
        renderNext();
    }

    void setAnimate(boolean animate) {
        this.animate = animate;
    }

    void setSignal(boolean signal) {
        this.signal = signal;
    }

    /** Completes a new picture in the buffer not shown last. */
    synchronized void renderNext() {
        Frame frame = frames[newest == 0 ? 1 : 0];
        ByteBuffer p = frame.pixels;
        int width = frame.width;
        int height = frame.height;
        seq++;
        if (seq == 1 || frame.seq == 0) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    // XRGB little endian = B, G, R, X in memory: a colour gradient
                    p.putInt((y * width + x) * 4, 0xff000000 | (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
                }
            }
        }
        int block = (int) (seq % (width / 16));
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < width; x++) {
                boolean on = x / 16 == block;
                p.putInt((y * width + x) * 4, on ? 0xffffffff : 0xff202020);
            }
        }
        frame.seq = seq;
        frame.captureMicros = Native.epochMicros0();
        newest = newest == 0 ? 1 : 0;
    }

    @Override
    public synchronized RawFrame acquireNewest() {
        if (!signal || newest < 0) {
            return null;
        }
        if (animate) {
            renderNext();
        }
        acquired++;
        return frames[newest];
    }

    @Override
    public synchronized void release(RawFrame frame) {
        released++;
    }

    synchronized int held() {
        return acquired - released;
    }

    synchronized long seq() {
        return seq;
    }

    private static final class Frame implements RawFrame {
        ByteBuffer pixels;
        int width;
        int height;
        long seq;
        long captureMicros;

        @Override
        public ByteBuffer pixels() {
            return pixels;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public int stride() {
            return width * 4;
        }

        @Override
        public long seq() {
            return seq;
        }

        @Override
        public long captureMicros() {
            return captureMicros;
        }
    }
}
