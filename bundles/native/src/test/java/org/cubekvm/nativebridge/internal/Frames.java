package org.cubekvm.nativebridge.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Inspecting encoded frames in tests. */
final class Frames {
    private Frames() {
    }

    static byte[] bytes(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        return bytes;
    }

    /** The NAL unit types of an Annex-B access unit, in order. */
    static List<Integer> nalTypes(ByteBuffer frame) {
        byte[] b = bytes(frame);
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                types.add(b[i + 3] & 0x1f);
                i += 3;
            }
        }
        return types;
    }

    static BufferedImage decodeJpeg(ByteBuffer frame) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes(frame)));
        if (image == null) {
            throw new IOException("ImageIO found no image in " + frame.remaining() + " bytes");
        }
        return image;
    }

    static boolean isIdrAccessUnit(List<Integer> types) {
        return types.size() >= 3 && types.get(0) == 7 && types.get(1) == 8 && types.get(types.size() - 1) == 5;
    }
}
