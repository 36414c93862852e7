package org.cubekvm.itests;

import javax.inject.Inject;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;

/**
 * What every IT against the real distribution shares: the distribution as Pax Exam's configuration,
 * the framework's context, and a client authenticated as the first admin once /healthz is UP.
 */
public abstract class PlatformTest {
    @Inject
    protected BundleContext context;

    /** Authenticated as the first admin (API token). */
    protected Http http;

    @Configuration
    public Option[] configuration() {
        return PlatformOptions.platform();
    }

    @Before
    public void platformIsUp() throws Exception {
        http = Platform.awaitUp(context);
    }
}
