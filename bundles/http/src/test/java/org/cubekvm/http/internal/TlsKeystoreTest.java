package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keytool makes a per-device EC key; PEM input is validated before anything is written. */
class TlsKeystoreTest {
    @Test
    void eachDeviceGetsItsOwnEcKeyAndAUserCertificateCanReplaceIt(@TempDir Path dir) throws Exception {
        TlsKeystore first = new TlsKeystore(dir.resolve("a"));
        TlsKeystore second = new TlsKeystore(dir.resolve("b"));
        first.ensure("cubekvm-a");
        second.ensure("cubekvm-b");
        TlsKeystore.CertificateInfo a = first.info();
        assertEquals("EC", a.keyAlgorithm());
        assertTrue(a.selfSigned());
        assertNotEquals(a.sha256(), second.info().sha256());
        for (Path secret : new Path[] {first.keystore(), first.passwordFile()}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        }

        // Re-use b's key and certificate as a "user certificate" in PEM for a.
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(second.keystore())) {
            store.load(in, second.password().toCharArray());
        }
        X509Certificate cert = (X509Certificate) store.getCertificate(TlsKeystore.ALIAS);
        PrivateKey key = (PrivateKey) store.getKey(TlsKeystore.ALIAS, second.password().toCharArray());
        String certPem = pem("CERTIFICATE", cert.getEncoded());
        String keyPem = pem("PRIVATE KEY", key.getEncoded());

        String before = first.info().sha256();
        assertThrows(IllegalArgumentException.class, () -> TlsKeystore.fromPem("garbage", keyPem));
        assertThrows(IllegalArgumentException.class, () -> TlsKeystore.fromPem(certPem, "-----BEGIN EC PRIVATE KEY-----\nAA==\n-----END EC PRIVATE KEY-----"));
        assertThrows(IllegalArgumentException.class, () -> TlsKeystore.fromPem(certPem, pem("PRIVATE KEY", new byte[] {1, 2, 3})));
        // a's own key does not belong to b's certificate
        KeyStore own = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(first.keystore())) {
            own.load(in, first.password().toCharArray());
        }
        String otherKey = pem("PRIVATE KEY", own.getKey(TlsKeystore.ALIAS, first.password().toCharArray()).getEncoded());
        assertThrows(IllegalArgumentException.class, () -> TlsKeystore.fromPem(certPem, otherKey));
        assertEquals(before, first.info().sha256(), "refused input changes nothing");

        first.install(TlsKeystore.fromPem(certPem, keyPem));
        assertEquals(second.info().sha256(), first.info().sha256());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
