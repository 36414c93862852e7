package org.cubekvm.atx.internal;

import java.util.Map;
import org.cubekvm.api.atx.AtxLedListener;
import org.cubekvm.api.atx.AtxLeds;
import org.cubekvm.api.atx.AtxTarget;
import org.cubekvm.api.events.PageEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Pushes every LED change of the {@link AtxTarget} to the pages: {@code {"type":"atx","power","hdd"}}. */
@Component(service = {}, immediate = true)
public class AtxEvents implements AtxLedListener {
    static final String TYPE = "atx";

    private final AtxTarget target;
    private final PageEvents events;

    @Activate
    public AtxEvents(@Reference AtxTarget target, @Reference PageEvents events) {
        this.target = target;
        this.events = events;
        target.addListener(this);
        ledsChanged(target.leds());
    }

    @Deactivate
    void deactivate() {
        target.removeListener(this);
    }

    @Override
    public void ledsChanged(AtxLeds leds) {
        events.publish(TYPE, Map.of("power", leds.power(), "hdd", leds.hdd()));
    }
}
