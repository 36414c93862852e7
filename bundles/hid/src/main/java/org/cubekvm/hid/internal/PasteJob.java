package org.cubekvm.hid.internal;

/** One paste: its plan and its progress, read by {@code GET /api/hid/paste/{id}}. */
final class PasteJob {
    enum State { queued, running, done, cancelled, failed }

    private final String id;
    private final PastePlan plan;
    private final int delayMillis;
    private volatile State state = State.queued;
    private volatile int typed;
    private volatile String error;

    PasteJob(String id, PastePlan plan, int delayMillis) {
        this.id = id;
        this.plan = plan;
        this.delayMillis = delayMillis;
    }

    String id() {
        return id;
    }

    PastePlan plan() {
        return plan;
    }

    int delayMillis() {
        return delayMillis;
    }

    State state() {
        return state;
    }

    boolean finished() {
        State s = state;
        return s == State.done || s == State.cancelled || s == State.failed;
    }

    synchronized boolean start() {
        if (state != State.queued) {
            return false;
        }
        state = State.running;
        return true;
    }

    synchronized void cancel() {
        if (!finished()) {
            state = State.cancelled;
        }
    }

    synchronized void finish(State end, String why) {
        if (!finished()) {
            state = end;
            error = why;
        }
    }

    void typed(int characters) {
        typed = characters;
    }

    Progress progress() {
        return new Progress(id, state.name(), typed, plan.characters(), plan.layout(), error);
    }

    /** The JSON of the progress resource; {@code error} only when failed. */
    record Progress(String id, String state, int typed, int total, String layout, String error) {
    }
}
