package org.cubekvm.api.platform;

import java.io.InputStream;
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
     * @param id           the framework's bundle id
     * @param symbolicName Bundle-SymbolicName
     * @param version      Bundle-Version
     * @param state        ACTIVE after a successful install
     */
    record InstalledBundle(long id, String symbolicName, String version, String state) {
    }
}
