package org.cubekvm.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Predicate;
import org.cubekvm.api.media.ImageInfo;
import org.cubekvm.api.media.MediaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives images into an {@link ImageDirectory}: streams the body through one fixed
 * {@value #BUFFER_BYTES}-byte buffer into a temp file (the image never passes through the heap),
 * computes its SHA-256 on the way, checks size, quota and free space before and while copying,
 * and commits by an atomic rename only when everything held. A refusal leaves nothing behind.
 */
final class ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.media");
    static final int BUFFER_BYTES = 64 * 1024;
    /** Free space and quota are re-checked, and the written data forced to disk, after this many bytes. */
    static final long CHECK_EVERY_BYTES = 4L * 1024 * 1024;

    private final ImageDirectory directory;
    private final StoreLimits limits;
    private final Transfers transfers;

    ImageStore(ImageDirectory directory, StoreLimits limits, Transfers transfers) {
        this.directory = directory;
        this.limits = limits;
        this.transfers = transfers;
    }

    ImageDirectory directory() {
        return directory;
    }

    Transfers transfers() {
        return transfers;
    }

    List<ImageInfo> images() {
        try {
            return directory.list();
        } catch (IOException e) {
            throw new MediaException(500, "store_unreadable", "The image directory " + directory.root()
                    + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * Checks what can be checked before reading a byte, then registers the transfer.
     *
     * @param busy whether the name may not be replaced now (it is mounted)
     */
    TransferProgress begin(String name, String source, long length, Predicate<String> busy) {
        ImageNames.require(name);
        if (busy.test(name)) {
            throw new MediaException(409, "mounted", "Image " + name + " is mounted; unmount it before replacing it");
        }
        if (length >= 0) {
            requireSize(length);
            requireRoom(length, 0);
        }
        return transfers.start(name, source, length);
    }

    /**
     * Copies {@code body} into the store as the transfer's image, on the caller's thread.
     *
     * @param expectedSha256 lower-case hex or null
     */
    ImageInfo copy(TransferProgress transfer, InputStream body, long length, String expectedSha256) {
        String name = transfer.name();
        Path temp = null;
        try {
            temp = directory.newTemp(name);
            String sha256 = stream(transfer, body, length, temp);
            if (expectedSha256 != null && !expectedSha256.equals(sha256)) {
                throw new MediaException(422, "sha256_mismatch", "The image's SHA-256 is " + sha256
                        + ", not " + expectedSha256 + " as announced; it was not stored");
            }
            directory.commit(temp, name, sha256);
            temp = null;
            long size = transfer.bytes();
            transfer.done();
            LOG.info("media: stored image {} ({} bytes, sha256 {})", name, size, sha256);
            return new ImageInfo(name, size, sha256);
        } catch (MediaException e) {
            transfer.failed(e.code(), e.getMessage());
            LOG.info("media: image {} refused: {}", name, e.getMessage());
            throw e;
        } catch (IOException e) {
            MediaException refused = outOfSpace(e)
                    ? new MediaException(413, "no_space", "The disk filled up while storing " + name + "; nothing was kept")
                    : new MediaException(500, "store_failed", "Image " + name + " could not be stored: " + e.getMessage());
            transfer.failed(refused.code(), refused.getMessage());
            LOG.warn("media: storing image {} failed: {}", name, e.toString());
            throw refused;
        } catch (RuntimeException e) {
            transfer.failed("store_failed", String.valueOf(e.getMessage()));
            throw e;
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    private String stream(TransferProgress transfer, InputStream body, long length, Path temp) throws IOException {
        MessageDigest digest = Sha256Hex.digest();
        byte[] buffer = new byte[BUFFER_BYTES];
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long received = 0;
        long nextCheck = CHECK_EVERY_BYTES;
        long startedNanos = System.nanoTime();
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    throw new MediaException(400, "upload_interrupted", "The transfer of " + transfer.name()
                            + " broke off after " + received + " bytes (" + e.getMessage() + "); nothing was kept");
                }
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                received += n;
                if (received > limits.maxImageBytes()) {
                    throw tooLarge();
                }
                if (length >= 0 && received > length) {
                    throw new MediaException(400, "length_mismatch", "More bytes arrived than the announced " + length);
                }
                digest.update(buffer, 0, n);
                wrapped.clear().limit(n);
                while (wrapped.hasRemaining()) {
                    out.write(wrapped);
                }
                transfer.advance(received);
                pace(received, startedNanos);
                if (received >= nextCheck) {
                    nextCheck = received + CHECK_EVERY_BYTES;
                    // Write back what this upload made dirty so far: at most CHECK_EVERY_BYTES of it
                    // wait in the page cache (a 98 MB device must not fill its memory with an image
                    // waiting to be written), and the final force has little left to do.
                    out.force(false);
                    requireRoom(0, received);
                }
            }
            if (length >= 0 && received != length) {
                throw new MediaException(400, "length_mismatch", "Only " + received + " of the announced " + length
                        + " bytes arrived; nothing was kept");
            }
            // The last check: the periodic one may not have seen the final few MiB.
            requireRoom(0, received);
            out.force(true);
        }
        return Sha256Hex.hex(digest.digest());
    }

    /** Sleeps while the transfer is ahead of {@code bytesPerSecond}; nothing when unpaced. */
    private void pace(long received, long startedNanos) {
        long rate = limits.bytesPerSecond();
        if (rate <= 0) {
            return;
        }
        long dueNanos = startedNanos + received * 1_000_000_000L / rate;
        long aheadNanos = dueNanos - System.nanoTime();
        if (aheadNanos > 1_000_000) {
            try {
                Thread.sleep(aheadNanos / 1_000_000, (int) (aheadNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MediaException(503, "interrupted", "The transfer was interrupted (the platform is stopping)");
            }
        }
    }

    void requireSize(long length) {
        if (length > limits.maxImageBytes()) {
            throw tooLarge();
        }
    }

    /**
     * @param more        bytes still to come (announced length), 0 while copying
     * @param alreadyHere bytes of this transfer already on disk (counted in the in-flight sum)
     */
    private void requireRoom(long more, long alreadyHere) {
        try {
            long usable = directory.usableBytes();
            if (usable - more < limits.reserveBytes()) {
                throw new MediaException(413, "no_space", "Not enough free disk space: " + usable + " bytes are free, "
                        + limits.reserveBytes() + " must stay free" + (more > 0 ? " and the image needs " + more : ""));
            }
            if (limits.storeLimitBytes() > 0) {
                long used = directory.usedBytes() + transfers.inFlightBytes();
                if (used + more > limits.storeLimitBytes()) {
                    throw new MediaException(413, "no_space", "The image store is limited to "
                            + limits.storeLimitBytes() + " bytes (storeLimitBytes) and " + used
                            + " are in use" + (more > 0 ? "; the image needs " + more : "") + "; delete images first");
                }
            }
        } catch (IOException e) {
            throw new MediaException(500, "store_unreadable", "The free space of " + directory.root()
                    + " cannot be read: " + e.getMessage());
        }
    }

    private MediaException tooLarge() {
        return new MediaException(413, "too_large", "An image may have at most " + limits.maxImageBytes()
                + " bytes (maxImageBytes)");
    }

    private static boolean outOfSpace(IOException e) {
        String message = e.getMessage();
        return message != null && (message.contains("No space left") || message.contains("Disk quota exceeded"));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("media: temp file {} could not be deleted ({}); it goes at the next start", file, e.toString());
        }
    }
}
