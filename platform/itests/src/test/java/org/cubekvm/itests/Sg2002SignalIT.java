package org.cubekvm.itests;

import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Dictionary;
import java.util.Hashtable;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The device's backend in the real distribution, against the fake vendor MPI that failsafe
 * selects with CUBEKVM_MPI_LIBRARIES (native-libs/tests/fake_mpi.c, built by bundles/native):
 * switched to backend=sg2002, a viewer gets frames, and the HDMI signal going and coming back (the
 * LT6911 state files the backend reads, CUBEKVM_HDMI_STATE) reaches {@code /api/video/status},
 * the second time at the new input size.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Sg2002SignalIT extends PlatformTest {
    private static final String ENCODER_PID = "org.cubekvm.video.encoder";

    private static void hdmi(Path folder, int width, int height) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("width"), width + "\n");
        Files.writeString(folder.resolve("height"), height + "\n");
    }

    private JsonObject awaitStatus(String what, java.util.function.Predicate<JsonObject> condition) {
        return http.await("/api/video/status", r -> r.status() == 200 && condition.test(r.object()), what).object();
    }

    @Test
    public void signalLossAndRecoveryReachTheVideoStatus() throws Exception {
        Path fakeMpi = Paths.get(System.getProperty("cubekvm.itest.fakempi", ""));
        assertTrue("the fake MPI is built by bundles/native: " + fakeMpi, Files.isRegularFile(fakeMpi));
        Path hdmiState = Paths.get(System.getProperty("cubekvm.itest.hdmi"));
        hdmi(hdmiState, 1280, 720);

        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin configurationAdmin = context.getService(reference);
        Configuration encoder = configurationAdmin.getConfiguration(ENCODER_PID, "?");
        Dictionary<String, Object> properties = encoder.getProperties() == null ? new Hashtable<>()
                : encoder.getProperties();
        properties.put("backend", "sg2002");
        encoder.update(properties);
        http.await("/api/platform/health", r -> r.status() == 200 && r.body().contains("video.hdmi"),
                "the sg2002 backend's health lines");

        Thread reader = new Thread(() -> {
            try (MultipartReader stream = new MultipartReader(http.openStream("/api/stream/mjpeg"))) {
                while (stream.next() != null) {
                    // a viewer keeps the capture running
                }
            } catch (IOException | RuntimeException e) {
                // the framework stopping at the end of the test ends the stream
            }
        }, "itest-sg2002-viewer");
        reader.setDaemon(true);
        reader.start();
        try {
            awaitStatus("a signal at 1280x720", s -> s.get("signal").getAsBoolean()
                    && s.get("inputWidth").getAsInt() == 1280 && s.get("inputHeight").getAsInt() == 720);

            hdmi(hdmiState, 0, 0);
            awaitStatus("the signal lost", s -> !s.get("signal").getAsBoolean());

            hdmi(hdmiState, 1920, 1080);
            awaitStatus("the signal back at 1920x1080", s -> s.get("signal").getAsBoolean()
                    && s.get("inputWidth").getAsInt() == 1920 && s.get("inputHeight").getAsInt() == 1080);
        } finally {
            reader.interrupt();
            context.ungetService(reference);
        }
    }
}
