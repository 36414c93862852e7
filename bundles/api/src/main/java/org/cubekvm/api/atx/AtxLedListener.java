package org.cubekvm.api.atx;

import org.osgi.annotation.versioning.ConsumerType;

/** Told by an {@link AtxTarget} whenever one of its LEDs changes; must return quickly. */
@ConsumerType
public interface AtxLedListener {
    void ledsChanged(AtxLeds leds);
}
