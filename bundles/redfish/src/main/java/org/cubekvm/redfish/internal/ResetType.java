package org.cubekvm.redfish.internal;

/**
 * The {@code ResetType}s of {@code ComputerSystem.Reset} this service offers, and what each does
 * with the front panel given whether the machine is on.
 */
enum ResetType {
    On, ForceOff, GracefulShutdown, ForceRestart, PushPowerButton;

    /** What to press. */
    enum Press {
        NOTHING, POWER_SHORT, POWER_HOLD, RESET
    }

    Press press(boolean on) {
        return switch (this) {
            case On -> on ? Press.NOTHING : Press.POWER_SHORT;
            case ForceOff -> on ? Press.POWER_HOLD : Press.NOTHING;
            case GracefulShutdown -> on ? Press.POWER_SHORT : Press.NOTHING;
            case ForceRestart -> on ? Press.RESET : Press.POWER_SHORT;
            case PushPowerButton -> Press.POWER_SHORT;
        };
    }

    /** @return the type named {@code name} exactly, or null */
    static ResetType named(String name) {
        for (ResetType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
