package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * MJPEG through the real bundles: the virtual machine's screen, the C encoder, capture and the
 * mjpeg servlet. Frames decode as 1280×720 JPEGs; restarting the mjpeg bundle under a viewer ends
 * that viewer cleanly while capture keeps running, and a new viewer works afterwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MjpegIT extends PlatformTest {
    private static final String STREAM = "/api/stream/mjpeg";

    @Before
    public void captureIsUp() throws Exception {
        http.await("/api/video/status", r -> r.status() == 200, "the capture service");
        http.await(STREAM.replace("stream/mjpeg", "snapshot"), r -> r.status() == 200, "a first picture");
    }

    @Test
    public void framesAreJpegsOfTheVirtualScreenWithIncreasingSeq() throws IOException {
        try (MultipartReader stream = new MultipartReader(http.openStream(STREAM))) {
            long previous = 0;
            for (int i = 0; i < 5; i++) {
                MultipartReader.Part part = stream.next();
                assertNotNull("the stream ended after " + i + " frames", part);
                assertEquals("image/jpeg", part.headers().get("content-type"));
                assertTrue("X-Timestamp is capture time in µs since the epoch: " + part.headers(),
                        Long.parseLong(part.headers().get("x-timestamp")) > 1_600_000_000_000_000L);
                assertTrue("seq must increase: " + previous + " then " + part.seq(), part.seq() > previous);
                previous = part.seq();
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(part.body()));
                assertNotNull("frame " + part.seq() + " does not decode as JPEG", image);
                assertEquals(1280, image.getWidth());
                assertEquals(720, image.getHeight());
            }
        }
    }

    @Test
    public void restartingTheMjpegBundleEndsItsViewerCleanlyAndANewViewerWorks() throws Exception {
        Bundle mjpeg = Platform.bySymbolicName(context, "org.cubekvm.mjpeg");
        Bundle capture = Platform.bySymbolicName(context, "org.cubekvm.capture");
        String api = "/api/platform/bundles/" + mjpeg.getBundleId();
        try (MultipartReader viewer = new MultipartReader(http.openStream(STREAM))) {
            assertNotNull(viewer.next());
            // Read on until the stream ends; it must end with the closing boundary or a clean EOF.
            CompletableFuture<Integer> ended = CompletableFuture.supplyAsync(() -> {
                int frames = 0;
                try {
                    while (viewer.next() != null) {
                        frames++;
                    }
                    return frames;
                } catch (IOException e) {
                    throw new IllegalStateException("the viewer's stream broke instead of ending: " + e, e);
                }
            });
            Http.Response stopped = http.post(api + "/stop");
            assertEquals("POST " + api + "/stop: " + stopped, 200, stopped.status());
            assertTrue("frames before the end", ended.get(Http.DEADLINE.toSeconds(), TimeUnit.SECONDS) >= 0);
        } finally {
            if (mjpeg.getState() != Bundle.ACTIVE) {
                http.post(api + "/start");
            }
        }
        assertEquals("capture keeps running while mjpeg restarts", Bundle.ACTIVE, capture.getState());
        assertEquals(200, http.get("/api/video/status").status());
        assertEquals(Bundle.ACTIVE, mjpeg.getState());
        http.await("/api/snapshot", r -> r.status() == 200, "the mjpeg servlets back");
        try (MultipartReader again = new MultipartReader(http.openStream(STREAM))) {
            MultipartReader.Part part = again.next();
            assertNotNull("a new viewer gets frames after the restart", part);
            assertNotNull(ImageIO.read(new ByteArrayInputStream(part.body())));
        }
    }

    /**
     * Issue 20: the streams live in the HTTP core's own {@code /api} context, not Jersey's, so they
     * serve while Jersey's servlet whiteboard is stopped (as at start-up, before Jersey has built the
     * REST application), and still only for an authenticated client.
     */
    @Test
    public void theStreamAndSnapshotServeWithoutJerseyAndStayProtected() throws Exception {
        Bundle rest = Platform.bySymbolicName(context, "org.eclipse.osgitech.rest.servlet.whiteboard");
        assertNotNull("osgitech's servlet whiteboard is not installed", rest);
        rest.stop();
        try {
            http.await("/api/platform/info", r -> r.status() == 404, "the REST application gone");
            assertEquals(200, http.get("/api/snapshot").status());
            try (MultipartReader stream = new MultipartReader(http.openStream(STREAM))) {
                MultipartReader.Part part = stream.next();
                assertNotNull("a frame while Jersey is stopped", part);
                assertNotNull(ImageIO.read(new ByteArrayInputStream(part.body())));
            }
            http.anonymous().get(STREAM).assertError(401);
            http.anonymous().get("/api/snapshot").assertError(401);
        } finally {
            rest.start();
        }
        http.await("/api/platform/info", r -> r.status() == 200, "the REST application back");
    }

    @Test
    public void anUnknownQueryValueIsA400AndNoStreamStarts() {
        Http.Response response = http.get(STREAM + "?fps=0");
        response.assertError(400);
    }
}
