package org.cubekvm.nativebridge.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open channels of a backend, so the backend going away closes them instead of leaking native encoders. */
final class ChannelRegistry {
    private final Set<PacedChannel> open = ConcurrentHashMap.newKeySet();

    void add(PacedChannel channel) {
        open.add(channel);
    }

    void remove(PacedChannel channel) {
        open.remove(channel);
    }

    int size() {
        return open.size();
    }

    void closeAll(String reason) {
        for (PacedChannel channel : open.toArray(new PacedChannel[0])) {
            channel.close(reason);
        }
    }
}
