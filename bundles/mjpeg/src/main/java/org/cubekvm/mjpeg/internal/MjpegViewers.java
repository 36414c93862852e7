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

    /** Ends every response cleanly; those that cannot finish within the grace period are aborted. */
    void endAll(long graceMillis) {
        MjpegViewer[] viewers = open.toArray(MjpegViewer[]::new);
        for (MjpegViewer viewer : viewers) {
            viewer.end();
        }
        long deadline = System.nanoTime() + graceMillis * 1_000_000L;
        for (MjpegViewer viewer : viewers) {
            while (!viewer.closed() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!viewer.closed()) {
                viewer.close();
            }
        }
    }
}
