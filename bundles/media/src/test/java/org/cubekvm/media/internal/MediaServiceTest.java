package org.cubekvm.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.cubekvm.api.media.ImageInfo;
import org.cubekvm.api.media.MassStorage;
import org.cubekvm.api.media.MediaException;
import org.cubekvm.api.media.Medium;
import org.cubekvm.api.media.MediumMode;
import org.cubekvm.api.media.Transfer;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaServiceTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path data;

    private Path images() {
        return data.resolve("images");
    }

    private MediaService service(long maxImage, long quota) throws IOException {
        return new MediaService(images(), new StoreLimits(maxImage, quota, 0, 5000, 5000, 0));
    }

    private static byte[] bytes(int n, long seed) {
        byte[] content = new byte[n];
        new Random(seed).nextBytes(content);
        return content;
    }

    private static String sha256(byte[] content) {
        return Sha256Hex.hex(Sha256Hex.digest().digest(content));
    }

    /** Everything in the images directory, hidden directories included, except the two empty ones. */
    private List<String> filesLeft() throws IOException {
        try (Stream<Path> walk = Files.walk(images())) {
            return walk.filter(Files::isRegularFile).map(p -> images().relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void storesAnUploadWithItsDigest() throws IOException {
        MediaService media = service(64 * MIB, 0);
        byte[] content = bytes(300_000, 1);
        ImageInfo stored = media.receive("disk.img", new ByteArrayInputStream(content), content.length, sha256(content));
        assertEquals(new ImageInfo("disk.img", content.length, sha256(content)), stored);
        assertEquals(List.of(stored), media.images());
        assertArrayEquals(content, Files.readAllBytes(images().resolve("disk.img")));
        assertEquals(List.of(".sha256/disk.img", "disk.img"), filesLeft());
        Transfer transfer = media.transfers().get(0);
        assertEquals(Transfer.DONE, transfer.state());
        assertEquals(content.length, transfer.bytes());
    }

    @Test
    void aWrongDigestLeavesNothing() throws IOException {
        MediaService media = service(64 * MIB, 0);
        byte[] content = bytes(200_000, 2);
        MediaException e = assertThrows(MediaException.class, () -> media.receive("x.iso",
                new ByteArrayInputStream(content), content.length, "00".repeat(32)));
        assertEquals(422, e.status());
        assertEquals("sha256_mismatch", e.code());
        assertEquals(List.of(), filesLeft());
        assertEquals(Transfer.FAILED, media.transfers().get(0).state());
    }

    @Test
    void theBodyIsCopiedOnABackgroundPriorityThreadAndTheCallersPriorityIsUntouched() throws IOException {
        MediaService media = service(64 * MIB, 0);
        byte[] content = bytes(150_000, 7);
        List<String> readers = new java.util.concurrent.CopyOnWriteArrayList<>();
        InputStream watched = new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                Thread reader = Thread.currentThread();
                readers.add(reader.getName() + "@" + reader.getPriority());
                return super.read(b, off, len);
            }
        };
        int before = Thread.currentThread().getPriority();
        ImageInfo stored = media.receive("bg.img", watched, content.length, sha256(content));
        assertEquals(sha256(content), stored.sha256());
        assertTrue(!readers.isEmpty());
        assertEquals(List.of(MediaService.UPLOAD_THREAD_NAME + "@" + Thread.MIN_PRIORITY),
                readers.stream().distinct().toList());
        assertEquals(before, Thread.currentThread().getPriority());
        assertArrayEquals(content, Files.readAllBytes(images().resolve("bg.img")));
    }

    @Test
    void aRefusalOnTheBackgroundThreadReachesTheCallerAndLeavesNothing() throws IOException {
        MediaService media = service(64 * MIB, 0);
        byte[] content = bytes(100_000, 8);
        MediaException e = assertThrows(MediaException.class, () -> media.receive("bg.iso",
                new ByteArrayInputStream(content), content.length, sha256(bytes(100_000, 9))));
        assertEquals("sha256_mismatch", e.code());
        assertEquals(List.of(), filesLeft());
        RuntimeException unexpected = assertThrows(IllegalStateException.class,
                () -> BackgroundPriority.call("media-test", () -> {
                    throw new IllegalStateException("from the worker");
                }));
        assertEquals("from the worker", unexpected.getMessage());
    }

    @Test
    void aMalformedDigestIsRefusedBeforeReading() throws IOException {
        MediaService media = service(64 * MIB, 0);
        MediaException e = assertThrows(MediaException.class, () -> media.receive("x.iso",
                new ByteArrayInputStream(new byte[1]), 1, "not-hex"));
        assertEquals(400, e.status());
        assertEquals(List.of(), media.transfers());
    }

    @Test
    void tooLargeAnnouncedIsRefusedAtOnceAndStreamedTooLargeOnTheWay() throws IOException {
        MediaService media = service(100_000, 0);
        MediaException announced = assertThrows(MediaException.class, () -> media.receive("big.img",
                new ByteArrayInputStream(new byte[0]), 100_001, null));
        assertEquals(413, announced.status());
        assertEquals("too_large", announced.code());
        byte[] content = bytes(150_000, 3);
        MediaException streamed = assertThrows(MediaException.class, () -> media.receive("big.img",
                new ByteArrayInputStream(content), -1, null));
        assertEquals("too_large", streamed.code());
        assertEquals(List.of(), filesLeft());
    }

    @Test
    void theStoreQuotaCountsStoredImages() throws IOException {
        MediaService media = service(64 * MIB, 10 * MIB);
        byte[] first = bytes((int) (6 * MIB), 4);
        media.receive("one.img", new ByteArrayInputStream(first), first.length, null);
        MediaException announced = assertThrows(MediaException.class, () -> media.receive("two.img",
                new ByteArrayInputStream(first), first.length, null));
        assertEquals(413, announced.status());
        assertEquals("no_space", announced.code());
        // Without a length the quota is found while copying (checked every few MiB).
        MediaException streamed = assertThrows(MediaException.class, () -> media.receive("two.img",
                new ByteArrayInputStream(first), -1, null));
        assertEquals("no_space", streamed.code());
        assertEquals(List.of(".sha256/one.img", "one.img"), filesLeft());
    }

    @Test
    void aBrokenBodyLeavesNothing() throws IOException {
        MediaService media = service(64 * MIB, 0);
        InputStream breaking = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };
        MediaException e = assertThrows(MediaException.class, () -> media.receive("cut.iso", breaking, 500_000, null));
        assertEquals(400, e.status());
        assertEquals("upload_interrupted", e.code());
        assertEquals(List.of(), filesLeft());
        MediaException short_ = assertThrows(MediaException.class, () -> media.receive("cut.iso",
                new ByteArrayInputStream(new byte[10]), 11, null));
        assertEquals("length_mismatch", short_.code());
        assertEquals(List.of(), filesLeft());
    }

    @Test
    void leftoversOfAKilledUploadGoAtStart() throws IOException {
        service(MIB, 0);
        Files.write(images().resolve(".incoming/half.iso.123.part"), new byte[1000]);
        Files.writeString(images().resolve(".sha256/gone.iso"), "ab".repeat(32));
        Files.write(images().resolve("kept.img"), new byte[10]);
        MediaService restarted = service(MIB, 0);
        assertEquals(List.of("kept.img"), filesLeft());
        assertEquals(List.of(new ImageInfo("kept.img", 10, null)), restarted.images());
    }

    @Test
    void mountedImagesCannotBeDeletedOrReplaced() throws IOException {
        MediaService media = service(MIB, 0);
        RecordingLun lun = new RecordingLun();
        media.lun(lun);
        byte[] content = bytes(1000, 5);
        media.receive("boot.iso", new ByteArrayInputStream(content), content.length, null);
        Medium medium = media.mount("boot.iso", MediumMode.CDROM, false);
        assertTrue(medium.readOnly(), "a CD-ROM is always read-only");
        assertEquals(images().resolve("boot.iso"), lun.inserted().image());
        assertEquals(409, assertThrows(MediaException.class, () -> media.delete("boot.iso")).status());
        assertEquals(409, assertThrows(MediaException.class, () -> media.receive("boot.iso",
                new ByteArrayInputStream(content), content.length, null)).status());
        assertEquals(404, assertThrows(MediaException.class, () -> media.mount("nope.iso", MediumMode.DISK, true)).status());
        media.unmount();
        assertNull(media.mounted());
        media.delete("boot.iso");
        assertEquals(List.of(), filesLeft());
        assertEquals(404, assertThrows(MediaException.class, () -> media.delete("boot.iso")).status());
    }

    @Test
    void aPacedTransferTakesAtLeastItsSizeOverTheRate() throws IOException {
        // A lower bound only: a loaded machine makes it slower, never faster.
        MediaService media = new MediaService(images(), new StoreLimits(64 * MIB, 0, 0, 5000, 5000, 8 * MIB));
        byte[] content = bytes((int) (2 * MIB), 7);
        long started = System.nanoTime();
        media.receive("paced.img", new ByteArrayInputStream(content), content.length, null);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis >= 240, "2 MiB at 8 MiB/s took " + elapsedMillis + " ms");
    }

    @Test
    void withoutALunMountingIsUnavailable() throws IOException {
        MediaService media = service(MIB, 0);
        assertEquals(503, assertThrows(MediaException.class, () -> media.mount("a.iso", MediumMode.CDROM, true)).status());
    }

    @Test
    void downloadsFromAUrlWithTheSameChecks() throws Exception {
        byte[] content = bytes(500_000, 6);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/image.iso", exchange -> {
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        });
        server.start();
        try {
            MediaService media = service(64 * MIB, 0);
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/image.iso");
            Transfer bad = media.download("bad.iso", url, "11".repeat(32));
            Transfer good = media.download("good.iso", url, sha256(content));
            Transfer missing = media.download("missing.iso", url.resolve("/nothing"), null);
            assertEquals("sha256_mismatch", awaitEnd(media, bad.id()).error());
            Transfer finished = awaitEnd(media, good.id());
            assertEquals(Transfer.DONE, finished.state());
            assertEquals(content.length, finished.total());
            assertEquals("download_failed", awaitEnd(media, missing.id()).error());
            assertEquals(List.of(new ImageInfo("good.iso", content.length, sha256(content))), media.images());
            assertEquals(List.of(".sha256/good.iso", "good.iso"), filesLeft());
            assertEquals(400, assertThrows(MediaException.class,
                    () -> media.download("x.iso", URI.create("file:///etc/passwd"), null)).status());
        } finally {
            server.stop(0);
        }
    }

    /** Polls the transfer until it ends. */
    private static Transfer awaitEnd(MediaService media, String id) {
        return Await.value("transfer " + id + " to end", () -> {
            Transfer transfer = media.transfer(id);
            return Transfer.RUNNING.equals(transfer.state()) ? null : transfer;
        });
    }

    static final class RecordingLun implements MassStorage {
        private volatile Medium medium;

        @Override
        public void insert(Medium inserted) {
            medium = inserted;
        }

        @Override
        public void eject() {
            medium = null;
        }

        @Override
        public Medium inserted() {
            return medium;
        }
    }
}
