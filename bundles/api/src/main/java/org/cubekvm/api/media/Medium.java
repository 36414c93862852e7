package org.cubekvm.api.media;

import java.nio.file.Path;

/**
 * An image inserted into the mass-storage LUN.
 *
 * @param name     the image's name in the store
 * @param image    the image file
 * @param mode     CD-ROM or disk
 * @param readOnly whether the target may not write (always true for {@link MediumMode#CDROM})
 */
public record Medium(String name, Path image, MediumMode mode, boolean readOnly) {
}
