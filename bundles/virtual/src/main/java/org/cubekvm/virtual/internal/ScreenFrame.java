package org.cubekvm.virtual.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.cubekvm.api.video.RawFrame;

/**
 * One of the two preallocated pictures of {@link VirtualScreen}. seq and captureMicros are
 * written by the renderer before it publishes the frame (a volatile write), so a reader that
 * acquired it sees them; they are never written while the frame is held.
 */
final class ScreenFrame implements RawFrame {
    private final ByteBuffer pixels;
    private final int width;
    private final int height;
    private long seq;
    private long captureMicros;

    ScreenFrame(int width, int height) {
        this.width = width;
        this.height = height;
        // Zeroed on allocation: a black screen, which is also the background of every cell.
        this.pixels = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.LITTLE_ENDIAN);
    }

    void completed(long seq, long captureMicros) {
        this.seq = seq;
        this.captureMicros = captureMicros;
    }

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
