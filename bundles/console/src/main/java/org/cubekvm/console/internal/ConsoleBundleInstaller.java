package org.cubekvm.console.internal;

import java.io.InputStream;
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
}
