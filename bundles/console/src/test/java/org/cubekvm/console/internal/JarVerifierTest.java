package org.cubekvm.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarVerifierTest {
    @TempDir
    static Path dir;
    static SigningFixture.Key build;
    static SigningFixture.Key vendor;
    static SigningFixture.Key stranger;
    static Path plain;

    @BeforeAll
    static void keys() throws Exception {
        build = SigningFixture.key(dir, "build", null, 30);
        vendor = SigningFixture.key(dir, "vendor", null, 30);
        stranger = SigningFixture.key(dir, "stranger", null, 30);
        plain = SigningFixture.bundle(dir.resolve("plain.jar"), "com.example.demo", "1.2.3",
                Map.of("com/example/A.class", "a", "com/example/B.class", "b", "OSGI-INF/c.xml", "<c/>"));
    }

    private JarVerifier verifier(Path trustDir) {
        TrustStore trust = new TrustStore(trustDir, build.certificate());
        trust.add(vendor.certificate());
        return new JarVerifier(trust);
    }

    private ApiException refused(Path jar) {
        return assertThrows(ApiException.class, () -> verifier(dir.resolve("trust")).verify(jar, Instant.now()));
    }

    @Test
    void acceptsAJarSignedByATrustedVendorAndNamesTheSigner() throws Exception {
        Path signed = SigningFixture.sign(plain, vendor, dir.resolve("vendor.jar"));
        VerifiedJar jar = verifier(dir.resolve("trust")).verify(signed, Instant.now());
        assertEquals("com.example.demo", jar.symbolicName());
        assertEquals("1.2.3", jar.version().toString());
        assertEquals(Certificates.sha256(vendor.certificate()), jar.trustId());
        assertTrue(jar.signerSubject().contains("CN=vendor"), jar.signerSubject());
    }

    @Test
    void knowsTheBuildKey() throws Exception {
        Path signed = SigningFixture.sign(plain, build, dir.resolve("build.jar"));
        assertTrue(verifier(dir.resolve("trust")).verify(signed, Instant.now()).signedByBuild());
    }

    @Test
    void refusesAnUnsignedJar() {
        ApiException e = refused(plain);
        assertEquals(422, e.status());
        assertEquals("unsigned", e.code());
    }

    @Test
    void refusesAJarWithOneEntryChangedAfterSigning() throws Exception {
        Path signed = SigningFixture.sign(plain, vendor, dir.resolve("to-tamper.jar"));
        Path tampered = SigningFixture.rewrite(signed, dir.resolve("tampered.jar"), "com/example/B.class", "evil", null);
        ApiException e = refused(tampered);
        assertEquals("tampered", e.code());
        assertTrue(e.getMessage().contains("com/example/B.class"), e.getMessage());
    }

    @Test
    void refusesAJarWithAnEntryAddedAfterSigning() throws Exception {
        Path signed = SigningFixture.sign(plain, vendor, dir.resolve("to-extend.jar"));
        Path partly = SigningFixture.rewrite(signed, dir.resolve("partly.jar"), null, "extra", "com/example/Extra.class");
        ApiException e = refused(partly);
        assertEquals("partly_signed", e.code());
        assertTrue(e.getMessage().contains("com/example/Extra.class"), e.getMessage());
    }

    @Test
    void refusesAJarSignedByAKeyNotInTheTrustStore() throws Exception {
        ApiException e = refused(SigningFixture.sign(plain, stranger, dir.resolve("stranger.jar")));
        assertEquals("untrusted", e.code());
        assertTrue(e.getMessage().contains("CN=stranger"), e.getMessage());
    }

    @Test
    void refusesAJarWhoseSignerCertificateHasExpired() throws Exception {
        SigningFixture.Key old = SigningFixture.key(dir, "old", "-10d", 2);
        TrustStore trust = new TrustStore(dir.resolve("trust-old"), build.certificate());
        trust.add(old.certificate());
        Path signed = SigningFixture.sign(plain, old, dir.resolve("old.jar"));
        ApiException e = assertThrows(ApiException.class, () -> new JarVerifier(trust).verify(signed, Instant.now()));
        assertEquals("expired", e.code());
    }

    @Test
    void refusesASymbolicNameThatCouldNotNameAFolder() throws Exception {
        Path odd = SigningFixture.bundle(dir.resolve("odd.jar"), "../../etc", "1.0.0", Map.of("a.txt", "a"));
        ApiException e = refused(SigningFixture.sign(odd, vendor, dir.resolve("odd-signed.jar")));
        assertEquals("not_a_bundle", e.code());
    }

    @Test
    void refusesWhatIsNotAJar() throws Exception {
        Path text = java.nio.file.Files.writeString(dir.resolve("text.jar"), "not a jar");
        assertEquals("not_a_bundle", refused(text).code());
    }

    @Test
    void removingTheVendorCertificateMakesItsJarsUntrusted() throws Exception {
        Path trustDir = dir.resolve("trust-remove");
        TrustStore trust = new TrustStore(trustDir, build.certificate());
        TrustedCertificate added = trust.add(vendor.certificate());
        Path signed = SigningFixture.sign(plain, vendor, dir.resolve("vendor-2.jar"));
        new JarVerifier(trust).verify(signed, Instant.now());
        trust.remove(added.id());
        ApiException e = assertThrows(ApiException.class, () -> new JarVerifier(trust).verify(signed, Instant.now()));
        assertEquals("untrusted", e.code());
        assertEquals(409, assertThrows(ApiException.class, () -> trust.remove(TrustStore.BUILD_ID)).status());
    }
}
