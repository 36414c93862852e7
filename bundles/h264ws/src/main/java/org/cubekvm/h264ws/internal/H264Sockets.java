package org.cubekvm.h264ws.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.StatusCode;

/** Open H.264 sessions, so a stopping bundle closes them cleanly. */
final class H264Sockets {
    private final Set<H264Socket> open = ConcurrentHashMap.newKeySet();

    void add(H264Socket socket) {
        open.add(socket);
    }

    void remove(H264Socket socket) {
        open.remove(socket);
    }

    void closeAll(String reason) {
        for (H264Socket socket : open.toArray(H264Socket[]::new)) {
            socket.close(StatusCode.SHUTDOWN, reason);
        }
    }
}
