package org.cubekvm.media.internal;

import org.cubekvm.api.media.Transfer;

/** The live state of one upload or download; the copying thread writes, anyone reads. */
final class TransferProgress {
    private final String id;
    private final String name;
    private final String source;
    private volatile long bytes;
    private volatile long total;
    private volatile String state = Transfer.RUNNING;
    private volatile String error;
    private volatile String message;

    TransferProgress(String id, String name, String source, long total) {
        this.id = id;
        this.name = name;
        this.source = source;
        this.total = total;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    long bytes() {
        return bytes;
    }

    boolean running() {
        return Transfer.RUNNING.equals(state);
    }

    void total(long expected) {
        total = expected;
    }

    void advance(long received) {
        bytes = received;
    }

    void done() {
        state = Transfer.DONE;
    }

    void failed(String code, String why) {
        error = code;
        message = why;
        state = Transfer.FAILED;
    }

    Transfer snapshot() {
        return new Transfer(id, name, source, bytes, total, state, error, message);
    }
}
