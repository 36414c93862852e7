package org.cubekvm.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificatesTest {
    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWrites() throws Exception {
        SigningFixture.Key key = SigningFixture.key(dir, "pem", null, 30);
        String pem = Certificates.toPem(key.certificate());
        assertEquals(key.certificate(), Certificates.parsePem(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void refusesWhatIsNotOnePemCertificate() {
        for (String bad : new String[] {"", "hello", "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"}) {
            ApiException e = assertThrows(ApiException.class, () -> Certificates.parsePem(bad.getBytes(StandardCharsets.US_ASCII)));
            assertEquals(400, e.status(), bad);
            assertEquals("bad_certificate", e.code(), bad);
        }
    }
}
