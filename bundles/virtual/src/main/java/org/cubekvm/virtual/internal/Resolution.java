package org.cubekvm.virtual.internal;

import java.util.List;
import org.cubekvm.api.rest.ApiError;

/** A screen size the virtual machine supports. */
record Resolution(int width, int height) {
    static final Resolution HD = new Resolution(1280, 720);
    static final Resolution FULL_HD = new Resolution(1920, 1080);
    static final List<Resolution> SUPPORTED = List.of(HD, FULL_HD);

    /** @throws IllegalArgumentException naming the value and what is allowed */
    static Resolution parse(String value) {
        for (Resolution resolution : SUPPORTED) {
            if (resolution.toString().equals(value)) {
                return resolution;
            }
        }
        throw new IllegalArgumentException("resolution must be 1280x720 or 1920x1080, was '" + ApiError.printable(value) + "'");
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
