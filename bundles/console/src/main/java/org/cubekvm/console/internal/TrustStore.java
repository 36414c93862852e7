package org.cubekvm.console.internal;

import org.cubekvm.api.rest.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cubekvm.api.rest.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates a bundle's signer must chain to: the build's own certificate (shipped inside
 * the console bundle, id {@code build}) and what admins added, one PEM file per certificate in
 * {@code <data>/trust}, named by its SHA-256 fingerprint.
 */
final class TrustStore {
    static final String BUILD_ID = "build";
    /** Most certificates the store holds. */
    static final int MAX_CERTIFICATES = 64;
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.console");

    private final Path folder;
    private final X509Certificate build;

    TrustStore(Path folder, X509Certificate build) {
        this.folder = folder;
        this.build = build;
    }

    /** The build certificate from the console bundle's {@code trust/build.pem}; null when the bundle was built without one. */
    static X509Certificate buildCertificate(InputStream pem) {
        if (pem == null) {
            return null;
        }
        try (pem) {
            return Certificates.parsePem(pem.readAllBytes());
        } catch (IOException | ApiException e) {
            LOG.error("cubekvm.console: the build certificate in the console bundle is unreadable; only admin-added certificates are trusted");
            return null;
        }
    }

    X509Certificate build() {
        return build;
    }

    /** @return id → certificate, the build's first */
    synchronized Map<String, X509Certificate> all() {
        Map<String, X509Certificate> result = new TreeMap<>();
        if (build != null) {
            result.put(BUILD_ID, build);
        }
        if (!Files.isDirectory(folder)) {
            return result;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.pem")) {
            for (Path file : files) {
                String id = file.getFileName().toString().replaceFirst("\\.pem$", "");
                try {
                    result.put(id, Certificates.parsePem(Files.readAllBytes(file)));
                } catch (ApiException | IOException e) {
                    LOG.warn("cubekvm.console: trust store file {} is not a certificate; ignored", file.getFileName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return result;
    }

    List<TrustedCertificate> list() {
        List<TrustedCertificate> result = new ArrayList<>();
        all().forEach((id, certificate) -> result.add(describe(id, certificate)));
        return result;
    }

    synchronized TrustedCertificate add(X509Certificate certificate) {
        String id = Certificates.sha256(certificate);
        if (build != null && id.equals(Certificates.sha256(build))) {
            return describe(BUILD_ID, build);
        }
        Map<String, X509Certificate> current = all();
        if (!current.containsKey(id) && current.size() >= MAX_CERTIFICATES) {
            throw new ApiException(409, "trust_store_full", "The trust store holds at most " + MAX_CERTIFICATES
                    + " certificates; remove one first");
        }
        try {
            Files.createDirectories(folder);
            Path temp = folder.resolve(id + ".tmp");
            Files.writeString(temp, Certificates.toPem(certificate), StandardCharsets.US_ASCII);
            Files.move(temp, folder.resolve(id + ".pem"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ApiException(500, "trust_store_failed", "The certificate could not be stored: " + e.getMessage());
        }
        LOG.info("cubekvm.console: trusting {} ({})", Certificates.subject(certificate), id);
        return describe(id, certificate);
    }

    synchronized void remove(String id) {
        if (BUILD_ID.equals(id)) {
            throw new ApiException(409, "built_in_certificate",
                    "The build's own certificate signs the platform itself and cannot be removed");
        }
        if (!id.matches("[0-9a-f]{64}")) {
            throw ApiException.notFound("There is no trusted certificate with id '" + ApiError.printable(id) + "'");
        }
        try {
            if (!Files.deleteIfExists(folder.resolve(id + ".pem"))) {
                throw ApiException.notFound("There is no trusted certificate with id " + id);
            }
        } catch (IOException e) {
            throw new ApiException(500, "trust_store_failed", "The certificate could not be removed: " + e.getMessage());
        }
        LOG.info("cubekvm.console: no longer trusting {}", id);
    }

    static TrustedCertificate describe(String id, X509Certificate certificate) {
        return new TrustedCertificate(id, Certificates.subject(certificate), Certificates.sha256(certificate),
                certificate.getNotAfter().toInstant().toString(), BUILD_ID.equals(id));
    }
}
