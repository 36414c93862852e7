package org.cubekvm.api.video;

/** Encoded video formats. */
public enum Codec {
    MJPEG, H264
}
