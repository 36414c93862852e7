package org.cubekvm.api.platform;

import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The console's all-or-nothing bundle install, for other ways in than {@code POST
 * /api/platform/bundles} (the MQTT fleet command): the jar's signature is verified against the
 * trust store, the bundle installed, started and health-checked; any failing step leaves the
 * platform exactly as before.
 */
@ProviderType
public interface BundleInstaller {
    /**
     * @param jar the bundle's jar, read to its end (at most 32 MiB)
     * @return what was installed
     * @throws org.cubekvm.api.rest.ApiException naming why nothing was installed ({@code unsigned},
     *         {@code tampered}, {@code untrusted}, {@code already_installed}, {@code install_failed}, …)
     */
    InstalledBundle install(InputStream jar);

    /**
     * Checks a signer's certificate chain against the same trust store and rules as a jar's
     * signer (valid now, each certificate issued by the next, the last one trusted or issued by a
     * trusted certificate), for signed things that are not jars (a fleet command).
     *
     * @param chain the signer's certificate first, at most 8
     * @return the id of the trusted certificate the chain ends in
     * @throws org.cubekvm.api.rest.ApiException 422 {@code untrusted} or {@code expired}
     */
    String trustedSigner(List<X509Certificate> chain);

    /**
     * @param id           the framework's bundle id
     * @param symbolicName Bundle-SymbolicName
     * @param version      Bundle-Version
     * @param state        ACTIVE after a successful install
     */
    record InstalledBundle(long id, String symbolicName, String version, String state) {
    }
}
