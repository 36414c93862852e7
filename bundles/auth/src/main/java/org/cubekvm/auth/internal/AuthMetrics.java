package org.cubekvm.auth.internal;

import org.cubekvm.api.metrics.MetricsContributor;
import org.cubekvm.api.metrics.MetricsWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Refused logins (wrong credentials, rate limit), for {@code /metrics}. */
@Component(service = MetricsContributor.class)
public class AuthMetrics implements MetricsContributor {
    private final AuthService auth;

    @Activate
    public AuthMetrics(@Reference AuthService auth) {
        this.auth = auth;
    }

    @Override
    public void collect(MetricsWriter out) {
        out.counter("cubekvm_login_failures", "", "Logins refused by reason", auth.loginFailures(),
                "reason", "bad_credentials");
        out.counter("cubekvm_login_failures", "", "Logins refused by reason", auth.loginsRateLimited(),
                "reason", "rate_limited");
    }
}
