package org.cubekvm.api.media;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The image store under {@code <data>/images} and what is mounted from it. Every image appears
 * complete or not at all. Refusals throw {@link MediaException} and change nothing.
 */
@ProviderType
public interface MediaStore {
    /** @return the complete images, by name */
    List<ImageInfo> images();

    /** @return uploads and downloads running now or recently ended, oldest first */
    List<Transfer> transfers();

    /**
     * Streams {@code body} into the store as {@code name}, on the caller's thread.
     *
     * @param length         the announced length, or -1 when unknown
     * @param expectedSha256 lower-case or upper-case hex, or null not to check
     * @return the stored image
     */
    ImageInfo receive(String name, InputStream body, long length, String expectedSha256);

    /**
     * Starts downloading {@code url} (http or https) into the store as {@code name} in the
     * background, with the same checks as {@link #receive}.
     *
     * @return the transfer, to follow in {@link #transfers()}
     */
    Transfer download(String name, URI url, String expectedSha256);

    /** Deletes an image; refused (409) while it is mounted. */
    void delete(String name);

    /** Inserts an image into the mass-storage LUN, replacing what was there. */
    Medium mount(String name, MediumMode mode, boolean readOnly);

    /** Ejects the mounted image, if any. */
    void unmount();

    /** @return what is mounted now, or null */
    Medium mounted();
}
