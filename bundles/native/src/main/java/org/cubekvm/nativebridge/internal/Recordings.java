package org.cubekvm.nativebridge.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.cubekvm.api.video.Codec;

/** Where the replay backend finds its recordings ({@code <codec>-<width>x<height>.ckr}). */
interface Recordings {
    /** Whether a recording of the codec exists; cheap, touches no file content. */
    boolean has(Codec codec);

    /** A file the native side can open and read; may extract it first. */
    Path locate(Codec codec) throws IOException;

    /** For messages: where recordings are looked for. */
    String where();

    static String prefix(Codec codec) {
        return codec == Codec.MJPEG ? "mjpeg-" : "h264-";
    }
}
