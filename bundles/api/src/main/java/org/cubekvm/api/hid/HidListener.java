package org.cubekvm.api.hid;

import org.osgi.annotation.versioning.ConsumerType;

/** Told by a {@link HidSink} when the target changes its LEDs or the link goes on/off line. */
@ConsumerType
public interface HidListener {
    void ledsChanged(KeyboardLeds leds);

    void onlineChanged(boolean online);
}
