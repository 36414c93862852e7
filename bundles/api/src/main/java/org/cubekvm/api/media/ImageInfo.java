package org.cubekvm.api.media;

/**
 * An image in the store.
 *
 * @param name   its name (the file name under {@code <data>/images})
 * @param size   bytes
 * @param sha256 lower-case hex SHA-256 computed while it was received, or null for a file put
 *               there by other means
 */
public record ImageInfo(String name, long size, String sha256) {
}
