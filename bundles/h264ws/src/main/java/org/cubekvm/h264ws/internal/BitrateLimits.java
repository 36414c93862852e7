package org.cubekvm.h264ws.internal;

/**
 * The validated adaptation settings of {@link H264Config}: whether H.264 follows the slowest
 * viewer's link, and the floor and ceiling of each viewer's limit in kbit/s.
 */
record BitrateLimits(boolean adaptive, int floorKbps, int ceilingKbps) {
    static final int MIN_KBPS = 100;
    static final int MAX_KBPS = 20000;

    /** @throws IllegalArgumentException naming the bad value */
    BitrateLimits {
        if (floorKbps < MIN_KBPS || floorKbps > MAX_KBPS) {
            throw new IllegalArgumentException("minBitrateKbps must be " + MIN_KBPS + ".." + MAX_KBPS + ", was " + floorKbps);
        }
        if (ceilingKbps < MIN_KBPS || ceilingKbps > MAX_KBPS) {
            throw new IllegalArgumentException("maxBitrateKbps must be " + MIN_KBPS + ".." + MAX_KBPS + ", was " + ceilingKbps);
        }
        if (floorKbps > ceilingKbps) {
            throw new IllegalArgumentException("minBitrateKbps (" + floorKbps + ") must not exceed maxBitrateKbps ("
                    + ceilingKbps + ")");
        }
    }

    static BitrateLimits of(H264Config config) {
        return new BitrateLimits(config.adaptiveBitrate(), config.minBitrateKbps(), config.maxBitrateKbps());
    }
}
