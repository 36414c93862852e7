package org.cubekvm.atx.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cubekvm.api.atx.AtxButton;
import org.cubekvm.api.atx.AtxLedListener;
import org.cubekvm.api.atx.AtxLeds;
import org.cubekvm.api.atx.AtxTarget;

/** An {@link AtxTarget} that records "press power", "release power", ... in order. */
final class RecordingTarget implements AtxTarget {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void press(AtxButton button) {
        calls.add("press " + button.id());
    }

    @Override
    public void release(AtxButton button) {
        calls.add("release " + button.id());
    }

    @Override
    public AtxLeds leds() {
        return new AtxLeds(true, false);
    }

    @Override
    public void addListener(AtxLedListener listener) {
    }

    @Override
    public void removeListener(AtxLedListener listener) {
    }
}
