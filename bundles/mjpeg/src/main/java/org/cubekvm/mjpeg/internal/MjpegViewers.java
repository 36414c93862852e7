package org.cubekvm.mjpeg.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open MJPEG responses, so a stopping bundle can end them cleanly. */
final class MjpegViewers {
    private final Set<MjpegViewer> open = ConcurrentHashMap.newKeySet();

    void add(MjpegViewer viewer) {
        open.add(viewer);
    }

    void remove(MjpegViewer viewer) {
        open.remove(viewer);
    }

    void endAll() {
        for (MjpegViewer viewer : open.toArray(MjpegViewer[]::new)) {
            viewer.end();
        }
    }
}
