package org.cubekvm.auth.internal;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import org.cubekvm.api.platform.PlatformProperties;
import org.osgi.framework.BundleContext;

/** An {@link AuthService} activated on a data directory with default settings and cheap hashing (tests only). */
final class TestAuthService {
    private TestAuthService() {
    }

    /** Activated on {@code data}; the caller deactivates it. */
    static AuthService start(Path data) throws IOException {
        ClassLoader loader = TestAuthService.class.getClassLoader();
        BundleContext context = (BundleContext) Proxy.newProxyInstance(loader, new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return PlatformProperties.DATA_DIR_PROPERTY.equals(args[0]) ? data.toString() : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        AuthConfig config = (AuthConfig) Proxy.newProxyInstance(loader, new Class<?>[] {AuthConfig.class},
                (proxy, method, args) -> method.getName().equals("pbkdf2Iterations") ? Integer.valueOf(1000)
                        : method.getDefaultValue());
        AuthService service = new AuthService();
        service.activate(context, config);
        return service;
    }
}
