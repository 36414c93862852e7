package org.cubekvm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The device's init script (kvmapp-overlay/etc/init.d/S95cubekvm) supervises the JVM: its shell test
 * kills the JVM of a fake root and checks it is started again within 10 s with the reason logged,
 * and that {@code stop} ends everything (issue 11, acceptance 4).
 */
class InitScriptTest {
    @Test
    void aKilledJvmIsStartedAgain() throws IOException, InterruptedException {
        Path test = Path.of("..", "..", "kvmapp-overlay", "test", "init-script-test.sh").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(test), test + " is missing");
        Process process = new ProcessBuilder("sh", test.toString()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the shell test did not end");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("restarted after SIGKILL"), output);
    }
}
