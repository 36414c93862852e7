package org.cubekvm.mqtt.internal;

import org.cubekvm.api.atx.AtxActions;
import org.cubekvm.api.atx.AtxButton;
import org.cubekvm.api.atx.AtxLedListener;
import org.cubekvm.api.atx.AtxTarget;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link FrontPanel} over the ATX bundle: presses go through {@link AtxActions} (the same
 * timing and one-action-at-a-time rule as {@code POST /api/atx/*}); LED changes come from the
 * {@link AtxTarget}'s listener. Present only while both are.
 */
@Component(service = FrontPanel.class)
public class AtxFrontPanel implements FrontPanel {
    private final AtxActions actions;
    private final AtxTarget target;

    @Activate
    public AtxFrontPanel(@Reference AtxActions actions, @Reference AtxTarget target) {
        this.actions = actions;
        this.target = target;
    }

    @Override
    public boolean powerLed() {
        return actions.leds().power();
    }

    @Override
    public boolean hddLed() {
        return actions.leds().hdd();
    }

    @Override
    public void pressPower() {
        press(AtxButton.POWER);
    }

    @Override
    public void pressReset() {
        press(AtxButton.RESET);
    }

    private void press(AtxButton button) {
        if (!actions.start(button, false, "mqtt")) {
            throw new IllegalStateException("another ATX action is running; " + button.id() + " was not pressed");
        }
    }

    @Override
    public AutoCloseable watchLeds(Runnable onChange) {
        AtxLedListener listener = leds -> onChange.run();
        target.addListener(listener);
        return () -> target.removeListener(listener);
    }
}
