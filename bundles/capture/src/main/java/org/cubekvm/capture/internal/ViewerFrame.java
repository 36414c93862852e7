package org.cubekvm.capture.internal;

import java.nio.ByteBuffer;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.VideoFrame;

/** A viewer's reusable window on one ring slot: its own buffer view and a copy of the metadata. */
final class ViewerFrame implements VideoFrame {
    private final Viewer viewer;
    private final FrameSlot slot;
    private final ByteBuffer view;
    private final Codec codec;
    private int size;
    private long seq;
    private long captureMicros;
    private long encodeDoneMicros;
    private boolean key;
    private int width;
    private int height;

    ViewerFrame(Viewer viewer, FrameSlot slot, Codec codec) {
        this.viewer = viewer;
        this.slot = slot;
        this.view = slot.buffer.duplicate();
        this.codec = codec;
    }

    FrameSlot slot() {
        return slot;
    }

    ViewerFrame bind() {
        size = slot.size;
        seq = slot.seq;
        captureMicros = slot.captureMicros;
        encodeDoneMicros = slot.encodeDoneMicros;
        key = slot.key;
        width = slot.width;
        height = slot.height;
        view.limit(size).position(0);
        return this;
    }

    @Override
    public ByteBuffer data() {
        return view;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public long captureMicros() {
        return captureMicros;
    }

    @Override
    public long encodeDoneMicros() {
        return encodeDoneMicros;
    }

    @Override
    public boolean key() {
        return key;
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
    public Codec codec() {
        return codec;
    }

    @Override
    public void release() {
        viewer.release(this);
    }
}
