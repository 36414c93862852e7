package org.cubekvm.media.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cubekvm.api.media.ImageInfo;

/**
 * The files of the store: complete images directly in {@code images/}, their SHA-256 in
 * {@code images/.sha256/<name>}, and uploads in progress in {@code images/.incoming/}. An image
 * appears only by an atomic rename of a complete, synced temp file, so a crash (even SIGKILL or
 * power loss) leaves either the old state or the new one, plus temp files that {@link #prepare}
 * deletes at the next start. Names starting with a dot are never images ({@link ImageNames}).
 */
final class ImageDirectory {
    static final String INCOMING = ".incoming";
    static final String HASHES = ".sha256";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final Path images;
    private final Path incoming;
    private final Path hashes;

    ImageDirectory(Path images) {
        this.images = images;
        this.incoming = images.resolve(INCOMING);
        this.hashes = images.resolve(HASHES);
    }

    Path root() {
        return images;
    }

    /**
     * Creates the directories and removes what an interrupted upload left: every temp file, and
     * digests whose image is gone.
     *
     * @return how many leftovers were removed
     */
    int prepare() throws IOException {
        Files.createDirectories(incoming);
        Files.createDirectories(hashes);
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(incoming)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
                removed++;
            }
        }
        try (DirectoryStream<Path> digests = Files.newDirectoryStream(hashes)) {
            for (Path digest : digests) {
                String name = digest.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(images.resolve(name))) {
                    Files.deleteIfExists(digest);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** @return the complete images, sorted by name */
    List<ImageInfo> list() throws IOException {
        List<ImageInfo> result = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(images)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(entry)) {
                    continue;
                }
                result.add(new ImageInfo(name, Files.size(entry), storedDigest(name)));
            }
        }
        result.sort((a, b) -> a.name().compareTo(b.name()));
        return result;
    }

    /** @return total bytes of the complete images */
    long usedBytes() throws IOException {
        long total = 0;
        for (ImageInfo image : list()) {
            total += image.size();
        }
        return total;
    }

    long usableBytes() throws IOException {
        return Files.getFileStore(images).getUsableSpace();
    }

    /** @return the image file (which may not exist); {@code name} must be valid */
    Path image(String name) {
        return images.resolve(ImageNames.require(name));
    }

    boolean exists(String name) {
        return Files.isRegularFile(image(name));
    }

    /** A new temp file for an upload of {@code name}, in the incoming directory. */
    Path newTemp(String name) throws IOException {
        return Files.createTempFile(incoming, name + ".", ".part");
    }

    /**
     * Makes {@code temp} (complete and synced) the image {@code name}, replacing an older one.
     * The old digest goes first, so a crash in between leaves an image without a digest, never
     * one with a wrong digest.
     */
    void commit(Path temp, String name, String sha256) throws IOException {
        Path target = image(name);
        Files.deleteIfExists(hashes.resolve(name));
        move(temp, target);
        Path digestTemp = Files.createTempFile(incoming, name + ".", ".sha256");
        Files.writeString(digestTemp, sha256, StandardCharsets.US_ASCII);
        move(digestTemp, hashes.resolve(name));
        syncDirectory(images);
    }

    /** Deletes image {@code name} and its digest; false when there was none. */
    boolean delete(String name) throws IOException {
        boolean existed = Files.deleteIfExists(image(name));
        Files.deleteIfExists(hashes.resolve(name));
        syncDirectory(images);
        return existed;
    }

    private String storedDigest(String name) {
        Path file = hashes.resolve(name);
        try {
            String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.US_ASCII).trim() : null;
            return text != null && HEX64.matcher(text).matches() ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically", e);
        }
    }

    /** Makes a rename durable (Linux allows fsync on a directory opened for reading). */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every file system allows it; the rename itself is still atomic.
        }
    }
}
