package org.cubekvm.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JWS form of fleet commands: what verifies and what is refused with which code. */
class SignedCommandTest {
    private static final String COMMAND = "{\"id\":\"c1\",\"action\":\"install\",\"url\":\"http://127.0.0.1:1/x.jar\",\"device\":\"kvm-1\"}";
    @TempDir
    static Path dir;
    private static PrivateKey key;
    private static X509Certificate certificate;

    @BeforeAll
    static void makeKey() throws Exception {
        Path store = dir.resolve("signer.p12");
        Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "password",
                "-alias", "signer", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=Fleet test signer").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertEquals(0, keytool.waitFor(), "keytool");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, "password".toCharArray());
        }
        key = (PrivateKey) keys.getKey("signer", "password".toCharArray());
        certificate = (X509Certificate) keys.getCertificate("signer");
    }

    static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String jws(String alg, String jdkAlgorithm, String payload) throws Exception {
        String header = "{\"alg\":\"" + alg + "\",\"x5c\":[\"" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + "\"]}";
        String input = b64url(header.getBytes(StandardCharsets.UTF_8)) + "." + b64url(payload.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance(jdkAlgorithm);
        signer.initSign(key);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64url(signer.sign());
    }

    private static String code(String text) {
        return assertThrows(SignedCommand.Refused.class, () -> SignedCommand.verify(text)).code();
    }

    @Test
    void aSignedCommandVerifiesAndCarriesItsChain() throws Exception {
        SignedCommand command = SignedCommand.verify(jws("ES256", "SHA256withECDSAinP1363Format", COMMAND));
        assertEquals(COMMAND, command.payload());
        assertEquals(certificate, command.chain().get(0));
        FleetCommand parsed = FleetCommand.parse(command.payload());
        parsed.checkFor("kvm-1", Instant.now());
        assertEquals("c1", FleetCommand.idOf(jws("ES256", "SHA256withECDSAinP1363Format", COMMAND)));
    }

    @Test
    void aChangedPayloadOrSignatureDoesNotVerify() throws Exception {
        String good = jws("ES256", "SHA256withECDSAinP1363Format", COMMAND);
        String[] parts = good.split("\\.");
        String otherPayload = b64url(COMMAND.replace("x.jar", "y.jar").getBytes(StandardCharsets.UTF_8));
        assertEquals("bad_signature", code(parts[0] + "." + otherPayload + "." + parts[2]));
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[5] ^= 1;
        assertEquals("bad_signature", code(parts[0] + "." + parts[1] + "." + b64url(signature)));
        // RS256 named for an EC key: refused, never tried with another algorithm.
        String[] rs = jws("RS256", "SHA256withECDSAinP1363Format", COMMAND).split("\\.");
        assertEquals("bad_signature", code(rs[0] + "." + rs[1] + "." + rs[2]));
    }

    @Test
    void unsignedAndMalformedCommandsAreRefused() throws Exception {
        assertEquals("unsigned", code(COMMAND));
        assertEquals("unsigned", code("nothing here"));
        String payload = b64url(COMMAND.getBytes(StandardCharsets.UTF_8));
        assertEquals("bad_command", code(b64url("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".AAAA"));
        assertEquals("bad_command", code(b64url("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".AAAA"));
        assertEquals("bad_command", code(b64url("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".AAAA"));
        assertEquals("bad_command", code(b64url("{\"alg\":\"ES256\",\"x5c\":[\"bm90IGEgY2VydA==\"]}".getBytes(StandardCharsets.UTF_8))
                + "." + payload + ".AAAA"));
        assertEquals("bad_command", code("!!!." + payload + ".AAAA"));
    }

    @Test
    void aCommandForAnotherDeviceOrExpiredIsRefused() {
        FleetCommand other = FleetCommand.parse(COMMAND);
        assertThrows(IllegalArgumentException.class, () -> other.checkFor("kvm-2", Instant.now()));
        FleetCommand everyone = FleetCommand.parse(COMMAND.replace("\"kvm-1\"", "\"*\""));
        everyone.checkFor("kvm-2", Instant.now());
        FleetCommand old = FleetCommand.parse(COMMAND.replace("}", ",\"expires\":\"2020-01-01T00:00:00Z\"}"));
        assertThrows(IllegalArgumentException.class, () -> old.checkFor("kvm-1", Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> FleetCommand.parse(COMMAND.replace("\"kvm-1\"", "\"\"")));
        assertThrows(IllegalArgumentException.class, () -> FleetCommand.parse(COMMAND.replace("}", ",\"expires\":\"soon\"}")));
    }
}
