package org.cubekvm.api.media;

import java.util.Locale;

/** How the target sees a mounted image. */
public enum MediumMode {
    /** A CD/DVD drive (ISO 9660 images); always read-only. */
    CDROM,
    /** A removable USB disk (raw disk images, e.g. FAT). */
    DISK;

    /** The name used in JSON: {@code cdrom}, {@code disk}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the mode named {@code id}, or null */
    public static MediumMode fromId(String id) {
        for (MediumMode mode : values()) {
            if (mode.id().equals(id)) {
                return mode;
            }
        }
        return null;
    }
}
