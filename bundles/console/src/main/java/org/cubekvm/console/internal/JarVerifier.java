package org.cubekvm.console.internal;

import org.cubekvm.api.rest.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.CodeSigner;
import java.security.cert.CertPath;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.cubekvm.api.rest.ApiException;
import org.osgi.framework.Version;

/**
 * Accepts a jar only when every entry outside {@code META-INF/} is signed, all by the same signer,
 * whose certificate chain ends in (or is issued by) a certificate of the trust store and is valid
 * now. Refusals are 422 with a code naming the reason: {@code unsigned}, {@code partly_signed},
 * {@code tampered}, {@code several_signers}, {@code untrusted}, {@code expired}, {@code not_a_bundle}.
 */
final class JarVerifier {
    private final TrustStore trust;

    JarVerifier(TrustStore trust) {
        this.trust = trust;
    }

    VerifiedJar verify(Path file, Instant now) {
        Manifest manifest;
        X509Certificate[] chain = null;
        int signed = 0;
        String unsignedEntry = null;
        try (JarFile jar = new JarFile(file.toFile(), true)) {
            manifest = jar.getManifest();
            if (manifest == null) {
                throw refuse("not_a_bundle", "The upload has no META-INF/MANIFEST.MF");
            }
            byte[] buffer = new byte[16 * 1024];
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || isSignatureRelated(entry.getName())) {
                    continue;
                }
                // Reading the entry to its end is what checks its digest against the signed manifest.
                try (InputStream in = jar.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // digest computed by the verifying stream
                    }
                } catch (SecurityException e) {
                    throw refuse("tampered", "Entry " + ApiError.printable(entry.getName())
                            + " was changed after the jar was signed (its digest does not match the signature)");
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    if (unsignedEntry == null) {
                        unsignedEntry = entry.getName();
                    }
                    continue;
                }
                if (signers.length > 1) {
                    throw refuse("several_signers", "Entry " + ApiError.printable(entry.getName())
                            + " is signed by several signers; a bundle must have exactly one");
                }
                X509Certificate[] entryChain = chainOf(signers[0].getSignerCertPath());
                if (chain == null) {
                    chain = entryChain;
                } else if (!chain[0].equals(entryChain[0])) {
                    throw refuse("several_signers", "Entry " + ApiError.printable(entry.getName())
                            + " is signed by another signer than the rest of the jar");
                }
                signed++;
            }
        } catch (SecurityException e) {
            throw refuse("tampered", "The jar's signature does not verify: " + ApiError.printable(e.getMessage()));
        } catch (IOException e) {
            throw refuse("not_a_bundle", "The upload is not a readable jar: " + ApiError.printable(e.getMessage()));
        }
        if (signed == 0) {
            throw refuse("unsigned", "The jar is not signed; only bundles signed by a trusted key can be installed");
        }
        if (unsignedEntry != null) {
            throw refuse("partly_signed", "Entry " + ApiError.printable(unsignedEntry)
                    + " is not signed; every entry of a bundle must be signed");
        }
        String trustId = trustAnchor(chain, now);
        String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        if (name == null || name.isBlank()) {
            throw refuse("not_a_bundle", "The jar is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
        }
        String symbolicName = name.split(";")[0].trim();
        if (!symbolicName.matches("[A-Za-z0-9_.-]{1,200}")) {
            throw refuse("not_a_bundle", "Bundle-SymbolicName '" + ApiError.printable(symbolicName)
                    + "' has characters a bundle name cannot have");
        }
        Version version;
        try {
            version = Version.parseVersion(manifest.getMainAttributes().getValue("Bundle-Version"));
        } catch (IllegalArgumentException e) {
            throw refuse("not_a_bundle", "The bundle's Bundle-Version is malformed");
        }
        return new VerifiedJar(file, symbolicName, version,
                manifest.getMainAttributes().getValue("Bundle-Vendor"), chain[0], trustId);
    }

    /** @return the id of the trusted certificate the chain ends in or is issued by */
    String trustAnchor(X509Certificate[] chain, Instant now) {
        Date at = Date.from(now);
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity(at);
            } catch (CertificateExpiredException e) {
                throw refuse("expired", "The signer's certificate " + ApiError.printable(Certificates.subject(certificate))
                        + " expired on " + certificate.getNotAfter().toInstant());
            } catch (CertificateNotYetValidException e) {
                throw refuse("expired", "The signer's certificate " + ApiError.printable(Certificates.subject(certificate))
                        + " is not valid before " + certificate.getNotBefore().toInstant());
            }
        }
        for (int i = 1; i < chain.length; i++) {
            if (!issued(chain[i], chain[i - 1])) {
                throw refuse("untrusted", "The signer's certificate chain is broken");
            }
        }
        X509Certificate last = chain[chain.length - 1];
        for (Map.Entry<String, X509Certificate> anchor : trust.all().entrySet()) {
            X509Certificate trusted = anchor.getValue();
            boolean match = List.of(chain).contains(trusted) || issued(trusted, last);
            if (match) {
                if (trusted.getNotAfter().before(at)) {
                    throw refuse("expired", "The trusted certificate " + ApiError.printable(Certificates.subject(trusted))
                            + " expired on " + trusted.getNotAfter().toInstant());
                }
                return anchor.getKey();
            }
        }
        throw refuse("untrusted", "The signer " + ApiError.printable(Certificates.subject(chain[0]))
                + " is not in the trust store (SHA-256 " + Certificates.sha256(chain[0]) + ")");
    }

    private static boolean issued(X509Certificate issuer, X509Certificate subject) {
        if (!issuer.getSubjectX500Principal().equals(subject.getIssuerX500Principal())) {
            return false;
        }
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509Certificate[] chainOf(CertPath path) {
        return path.getCertificates().stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    /** The manifest and the signature files themselves are not signed entries. */
    static boolean isSignatureRelated(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("META-INF/MANIFEST.MF")) {
            return true;
        }
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")
                || upper.startsWith("META-INF/SIG-");
    }

    private static ApiException refuse(String code, String message) {
        return new ApiException(422, code, message);
    }
}
