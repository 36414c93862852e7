package org.cubekvm.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadsTest {
    @TempDir
    Path dir;

    @Test
    void extractsTheFilePartOfAMultipartForm() throws Exception {
        byte[] jar = new byte[100_000];
        new Random(7).nextBytes(jar);
        // The part body contains a near-miss of the delimiter.
        System.arraycopy("\r\n--bound".getBytes(StandardCharsets.US_ASCII), 0, jar, 500, 9);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--boundary42\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                + "--boundary42\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"x.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(jar);
        body.writeBytes("\r\n--boundary42--\r\n".getBytes(StandardCharsets.US_ASCII));
        Path file = Uploads.receive(new ByteArrayInputStream(body.toByteArray()), "multipart/form-data; boundary=boundary42", dir);
        assertArrayEquals(jar, Files.readAllBytes(file));
    }

    @Test
    void storesARawBody() throws Exception {
        Path file = Uploads.receive(new ByteArrayInputStream(new byte[] {1, 2, 3}), "application/java-archive", dir);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    }

    @Test
    void refusesAFormWithoutAFileAndLeavesNoFileBehind() throws Exception {
        byte[] body = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII);
        ApiException e = assertThrows(ApiException.class,
                () -> Uploads.receive(new ByteArrayInputStream(body), "multipart/form-data; boundary=b", dir));
        assertEquals(400, e.status());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
