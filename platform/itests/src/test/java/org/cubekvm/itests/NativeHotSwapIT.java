package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cubekvm.testsupport.Await;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Hot swap of the {@code native} bundle (the JNI bridge: encoders, replay, HID gadget) under a
 * live MJPEG viewer: the viewer's stream resumes with frames captured after the update (its
 * stream may end cleanly while the encoders are replaced; the viewer reconnects, as the page's
 * MJPEG reader does), and no class loader of the old revision stays reachable (the loader that loaded {@code libcubekvm.so} must
 * go, or every update would leak it and its native library).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NativeHotSwapIT extends PlatformTest {
    private static final String STREAM = "/api/stream/mjpeg";

    @Test
    public void updatingNativeUnderAViewerResumesItsStreamAndReleasesTheOldRevision() throws Exception {
        http.await("/api/snapshot", r -> r.status() == 200, "a first picture");
        Bundle nativeBundle = Platform.bySymbolicName(context, "org.cubekvm.native");
        assertNotNull("org.cubekvm.native is not installed", nativeBundle);
        WeakReference<ClassLoader> oldLoader = new WeakReference<>(nativeBundle.adapt(BundleWiring.class).getClassLoader());
        DrainingViewer viewer = new DrainingViewer(new MultipartReader(http.openStream(STREAM)));
        try {
            assertNotNull("the viewer got no first frame", viewer.next());

            nativeBundle.update();
            BundleSwap.refresh(context, nativeBundle);
            assertEquals(Bundle.ACTIVE, nativeBundle.getState());
            assertNotSame("the update made a new revision", oldLoader.get(), nativeBundle.adapt(BundleWiring.class).getClassLoader());
            long updatedMicros = System.currentTimeMillis() * 1000L;

            // The stream may end cleanly while the encoders are replaced (a stream that breaks fails in
            // next()); the viewer then reconnects, as the page's MJPEG reader does. Frames written before
            // the update may still sit in the socket buffers; the stream has resumed when a frame
            // captured after the update arrives.
            long end = System.nanoTime() + Http.DEADLINE.toNanos();
            int reconnects = 0;
            MultipartReader.Part part = null;
            while (System.nanoTime() < end) {
                part = viewer.next();
                if (part == null) {
                    viewer.close();
                    viewer = reconnect(end);
                    reconnects++;
                    continue;
                }
                assertEquals("image/jpeg", part.headers().get("content-type"));
                if (Long.parseLong(part.headers().get("x-timestamp")) > updatedMicros) {
                    break;
                }
            }
            assertNotNull("the viewer got no frame after the update", part);
            assertTrue("no frame captured after the update reached the viewer within " + Http.DEADLINE.toSeconds()
                    + " s (" + reconnects + " reconnects)", Long.parseLong(part.headers().get("x-timestamp")) > updatedMicros);
            System.out.println("NativeHotSwapIT: the viewer resumed after " + reconnects + " reconnect(s)");
        } finally {
            viewer.close();
        }

        // The old revision's loader must become unreachable; collect until it does or the deadline passes.
        Await.until("the old org.cubekvm.native revision's class loader to become unreachable (if it never does:"
                + " a leak; take a heap dump and look for its BundleClassLoader's GC root)", Http.DEADLINE, () -> {
                    System.gc();
                    return oldLoader.get() == null;
                });
    }

    /**
     * A viewer that reads its stream all the time, as a browser does, on its own thread, keeping
     * each part's headers. Reading only when the test asks would leave the stream unread while the
     * bundle updates; on a slow machine the server then gives up on the end of the stream (its
     * grace for a client that stopped reading) and cuts the connection.
     */
    private static final class DrainingViewer implements AutoCloseable {
        private static final Object END = new Object();
        private final MultipartReader reader;
        private final BlockingQueue<Object> parts = new LinkedBlockingQueue<>();
        private final Thread thread;

        DrainingViewer(MultipartReader reader) {
            this.reader = reader;
            this.thread = new Thread(() -> {
                try {
                    for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
                        parts.add(new MultipartReader.Part(part.headers(), null));
                    }
                    parts.add(END);
                } catch (IOException e) {
                    parts.add(new IllegalStateException("the viewer's stream broke: " + e, e));
                }
            }, "test-mjpeg-viewer");
            thread.setDaemon(true);
            thread.start();
        }

        /** The next part (headers only), or null at the end; a stalled stream fails at the deadline. */
        MultipartReader.Part next() throws InterruptedException {
            Object item = parts.poll(Http.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            if (item == null) {
                throw new AssertionError("the viewer got nothing within " + Http.DEADLINE.toSeconds() + " s");
            }
            if (item instanceof IllegalStateException broke) {
                throw broke;
            }
            return item == END ? null : (MultipartReader.Part) item;
        }

        @Override
        public void close() throws Exception {
            reader.close();
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** Opens the stream again, polling until it answers 200 (the encoders may still be coming back) or the deadline. */
    private DrainingViewer reconnect(long deadlineNanos) {
        AtomicReference<Throwable> last = new AtomicReference<>();
        try {
            return Await.value("the viewer to reconnect after the update",
                    Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())), () -> {
                        try {
                            return new DrainingViewer(new MultipartReader(http.openStream(STREAM)));
                        } catch (AssertionError | IllegalStateException e) {
                            last.set(e);
                            return null;
                        }
                    });
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + ": " + last.get());
        }
    }
}
