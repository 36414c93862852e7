package org.cubekvm.console.internal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.osgi.framework.Version;

/**
 * A jar on disk whose every entry is signed by one signer chaining to a trusted certificate.
 *
 * @param trustId the id of the trust store certificate the signer chains to ({@code build} for the build's key)
 */
record VerifiedJar(Path file, String symbolicName, Version version, String vendor, X509Certificate signer, String trustId) {
    boolean signedByBuild() {
        return TrustStore.BUILD_ID.equals(trustId);
    }

    String signerSubject() {
        return Certificates.subject(signer);
    }
}
