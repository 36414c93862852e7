package org.cubekvm.console.internal;

import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.platform.BundleInstaller;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link BundleInstaller} for other bundles: the same verification and transaction as {@code POST /api/platform/bundles}. */
@Component(service = BundleInstaller.class)
public class ConsoleBundleInstaller implements BundleInstaller {
    private final BundleManager manager;

    @Activate
    public ConsoleBundleInstaller(@Reference BundleManager manager) {
        this.manager = manager;
    }

    @Override
    public InstalledBundle install(InputStream jar) {
        Bundle bundle = manager.install(Uploads.receive(jar, "application/java-archive", manager.uploads()));
        return new InstalledBundle(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                BundleStates.name(bundle.getState()));
    }

    @Override
    public String trustedSigner(List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty() || chain.size() > 8) {
            throw new ApiException(422, "untrusted", "A signer's certificate chain must have 1 to 8 certificates");
        }
        return manager.verifier().trustAnchor(chain.toArray(X509Certificate[]::new), Instant.now());
    }
}
