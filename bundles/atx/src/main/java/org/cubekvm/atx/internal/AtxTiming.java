package org.cubekvm.atx.internal;

/** Validated {@link AtxConfig}: the defaults and the bound of a button action. */
record AtxTiming(int pressMillis, int holdMillis, int maxMillis) {
    static final int MIN_MILLIS = 20;
    static final AtxTiming DEFAULT = new AtxTiming(200, 5000, 15000);

    AtxTiming {
        check("pressMillis", pressMillis, MIN_MILLIS, 3000);
        check("holdMillis", holdMillis, 1000, 30000);
        check("maxMillis", maxMillis, 1000, 30000);
        if (pressMillis > maxMillis || holdMillis > maxMillis) {
            throw new IllegalArgumentException("pressMillis " + pressMillis + " and holdMillis " + holdMillis
                    + " must not exceed maxMillis " + maxMillis);
        }
    }

    static AtxTiming of(AtxConfig config) {
        return new AtxTiming(config.pressMillis(), config.holdMillis(), config.maxMillis());
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
        }
    }
}
