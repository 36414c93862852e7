package com.example.cubekvm.jiggler.internal;

/** {@code GET /api/vendor/jiggler}. */
public record JiggleState(boolean enabled, int intervalSeconds, long moves) {
}
