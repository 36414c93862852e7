package org.cubekvm.media.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.cubekvm.api.media.MediaException;
import org.cubekvm.api.media.Transfer;

/**
 * Uploads and downloads that run, plus the last {@value #KEEP_ENDED} that ended (so a client
 * polling progress sees how it ended). At most one transfer per image name runs at a time.
 */
final class Transfers {
    static final int KEEP_ENDED = 16;
    static final int MAX_RUNNING = 4;

    private final Deque<TransferProgress> all = new ArrayDeque<>();

    /** @throws MediaException 409 when {@code name} is being transferred already, 429 when too many run */
    synchronized TransferProgress start(String name, String source, long total) {
        int running = 0;
        for (TransferProgress transfer : all) {
            if (transfer.running()) {
                running++;
                if (transfer.name().equals(name)) {
                    throw new MediaException(409, "in_progress", "Image " + name + " is being uploaded or downloaded already");
                }
            }
        }
        if (running >= MAX_RUNNING) {
            throw new MediaException(429, "too_many_transfers", "At most " + MAX_RUNNING
                    + " uploads and downloads may run at once; wait for one to end");
        }
        TransferProgress transfer = new TransferProgress(UUID.randomUUID().toString(), name, source, total);
        all.addLast(transfer);
        trim();
        return transfer;
    }

    synchronized boolean running(String name) {
        for (TransferProgress transfer : all) {
            if (transfer.running() && transfer.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** @return bytes received so far by running transfers (they count against the quota) */
    synchronized long inFlightBytes() {
        long total = 0;
        for (TransferProgress transfer : all) {
            if (transfer.running()) {
                total += transfer.bytes();
            }
        }
        return total;
    }

    synchronized List<Transfer> snapshot() {
        List<Transfer> result = new ArrayList<>(all.size());
        for (TransferProgress transfer : all) {
            result.add(transfer.snapshot());
        }
        return result;
    }

    synchronized Transfer find(String id) {
        for (TransferProgress transfer : all) {
            if (transfer.id().equals(id)) {
                return transfer.snapshot();
            }
        }
        return null;
    }

    private void trim() {
        int ended = 0;
        for (TransferProgress transfer : all) {
            ended += transfer.running() ? 0 : 1;
        }
        var iterator = all.iterator();
        while (ended > KEEP_ENDED && iterator.hasNext()) {
            if (!iterator.next().running()) {
                iterator.remove();
                ended--;
            }
        }
    }
}
