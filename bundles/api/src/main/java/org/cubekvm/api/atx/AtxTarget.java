package org.cubekvm.api.atx;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The target's power and reset buttons and its LEDs, as lines: a button is held down from
 * {@link #press} until {@link #release}. Providers do no timing of their own; the caller decides
 * how long a button stays down and must release every button it pressed, whatever happens.
 * On the device the provider drives GPIO lines, on a PC the virtual machine's buttons; both
 * register under the component name {@value #COMPONENT_NAME}.
 */
@ProviderType
public interface AtxTarget {
    /** Component name and configuration PID of every provider. */
    String COMPONENT_NAME = "org.cubekvm.atx.target";

    /** Puts the button down (the line active). */
    void press(AtxButton button) throws IOException;

    /** Lets the button go (the line inactive); harmless when it is not down. */
    void release(AtxButton button) throws IOException;

    /** The LEDs now. */
    AtxLeds leds();

    /** {@code listener} is told about every LED change until removed. */
    void addListener(AtxLedListener listener);

    void removeListener(AtxLedListener listener);
}
