package org.cubekvm.http.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cubekvm.common.files.SecretFiles;
import org.cubekvm.common.files.SecretFiles;

/**
 * The device's TLS key and certificate: {@code <data>/tls/keystore.p12} (PKCS#12) and its random
 * password in {@code <data>/tls/keystore.password}, both 0600. On first start an EC P-256 key
 * and a self-signed certificate are made with the JDK's own {@code keytool} (the JDK has no
 * public API to create a certificate; no extra library is needed); a user certificate can
 * replace them.
 */
final class TlsKeystore {
    static final String ALIAS = "cubekvm";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 120;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    TlsKeystore(Path dir) {
        this.dir = dir;
    }

    Path keystore() {
        return dir.resolve("keystore.p12");
    }

    Path passwordFile() {
        return dir.resolve("keystore.password");
    }

    boolean exists() {
        return Files.isRegularFile(keystore()) && Files.isRegularFile(passwordFile());
    }

    String password() throws IOException {
        return Files.readString(passwordFile(), StandardCharsets.US_ASCII).trim();
    }

    /** Creates the per-device key and self-signed certificate unless they exist. */
    void ensure(String deviceName) throws IOException {
        if (exists()) {
            return;
        }
        SecretFiles.createOwnerOnlyDirectory(dir);
        String password = randomPassword();
        Path temp = dir.resolve(".keystore-new.p12");
        Files.deleteIfExists(temp);
        Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "3650",
                "-dname", "CN=" + deviceName + ", O=CubeKVM", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", temp.toString(),
                // :env keeps the password off the command line (visible in /proc to every user)
                "-storepass:env", "CUBEKVM_KS_PASS", "-keypass:env", "CUBEKVM_KS_PASS", "-noprompt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CUBEKVM_KS_PASS", password);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while keytool made the TLS key", e);
        }
        if (process.exitValue() != 0 || !Files.exists(temp)) {
            throw new IOException("keytool failed (exit " + process.exitValue() + "): "
                    + new String(output, StandardCharsets.UTF_8).trim());
        }
        SecretFiles.restrict(temp);
        SecretFiles.write(passwordFile(), (password + "\n").getBytes(StandardCharsets.US_ASCII));
        SecretFiles.write(keystore(), Files.readAllBytes(temp));
        Files.deleteIfExists(temp);
    }

    /** What the API shows about the certificate in use. */
    record CertificateInfo(String subject, String issuer, String notBefore, String notAfter, String sha256,
            String keyAlgorithm, boolean selfSigned) {
    }

    CertificateInfo info() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore())) {
            store.load(in, password().toCharArray());
        }
        return describe((X509Certificate) store.getCertificate(firstKeyAlias(store)));
    }

    static CertificateInfo describe(X509Certificate cert) throws GeneralSecurityException {
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        return new CertificateInfo(cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                cert.getNotBefore().toInstant().toString(), cert.getNotAfter().toInstant().toString(), fingerprint,
                cert.getPublicKey().getAlgorithm(),
                cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()));
    }

    /** A validated replacement, not yet written. */
    record Replacement(KeyStore store, String password, X509Certificate leaf) {
    }

    /** From a PEM certificate chain (leaf first) and a PEM PKCS#8 private key; throws IllegalArgumentException naming the problem. */
    static Replacement fromPem(String certificatePem, String privateKeyPem) throws GeneralSecurityException, IOException {
        List<X509Certificate> chain = parseCertificates(certificatePem);
        PrivateKey key = parsePrivateKey(privateKeyPem, chain.get(0).getPublicKey().getAlgorithm());
        return build(key, chain);
    }

    /** From a PKCS#12 file and its password. */
    static Replacement fromPkcs12(byte[] pkcs12, String password) throws GeneralSecurityException, IOException {
        KeyStore source = KeyStore.getInstance("PKCS12");
        char[] pass = password == null ? new char[0] : password.toCharArray();
        try {
            source.load(new ByteArrayInputStream(pkcs12), pass);
        } catch (IOException e) {
            throw new IllegalArgumentException("the PKCS#12 data cannot be read with this password");
        }
        String alias = firstKeyAlias(source);
        if (alias == null) {
            throw new IllegalArgumentException("the PKCS#12 data holds no private key");
        }
        PrivateKey key = (PrivateKey) source.getKey(alias, pass);
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate cert : source.getCertificateChain(alias)) {
            chain.add((X509Certificate) cert);
        }
        return build(key, chain);
    }

    void install(Replacement replacement) throws IOException, GeneralSecurityException {
        SecretFiles.createOwnerOnlyDirectory(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        replacement.store().store(bytes, replacement.password().toCharArray());
        // Keystore first, then its password: a crash in between leaves a keystore that the old
        // password does not open, which the next start reports and regenerates after removal.
        SecretFiles.write(keystore(), bytes.toByteArray());
        SecretFiles.write(passwordFile(), (replacement.password() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static Replacement build(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException, IOException {
        X509Certificate leaf = chain.get(0);
        leaf.checkValidity();
        if (!matches(key, leaf.getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to the first certificate");
        }
        String password = randomPassword();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(new Certificate[0]));
        return new Replacement(store, password, leaf);
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("unsupported key algorithm " + publicKey.getAlgorithm());
        };
        byte[] probe = "cubekvm key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        return verifier.verify(signature);
    }

    static List<X509Certificate> parseCertificates(String pem) throws GeneralSecurityException {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("field 'certificate' must hold a PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        Collection<? extends Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("field 'certificate' is not a valid PEM certificate");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate cert : parsed) {
            chain.add((X509Certificate) cert);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("field 'certificate' holds no certificate");
        }
        return chain;
    }

    static PrivateKey parsePrivateKey(String pem, String algorithm) {
        if (pem == null) {
            throw new IllegalArgumentException("field 'privateKey' is missing");
        }
        if (pem.contains("BEGIN EC PRIVATE KEY") || pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("field 'privateKey' must be PKCS#8 (-----BEGIN PRIVATE KEY-----);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("field 'privateKey' must hold a PEM PKCS#8 key (-----BEGIN PRIVATE KEY-----)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("field 'privateKey' is not a valid " + algorithm + " PKCS#8 key");
        }
    }

    /** A short random name part (64 bits, hex), so two devices' certificates never share a subject. */
    static String randomId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A random keystore password (256 bits, base64url; never typed by anyone). */
    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String firstKeyAlias(KeyStore store) throws GeneralSecurityException {
        Enumeration<String> aliases = store.aliases();
        while (aliases.hasMoreElements()) {
            String alias = aliases.nextElement();
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        return null;
    }
}
