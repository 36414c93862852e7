package org.cubekvm.http.internal;

import java.net.InetAddress;
import java.util.Set;
import java.util.LinkedHashSet;

/** {@link HttpLimitsConfig} checked: every value in range, every trusted proxy a literal IP address. */
record HttpLimits(long headerTimeoutMillis, long bodyTimeoutMillis, long idleTimeoutMillis, int maxConnectionsPerAddress,
        int maxConnections, int requestHeaderBytes, long smallBodyBufferBytes,
        long largeBodyBufferBytes, Set<InetAddress> trustedProxies) {

    /** Framework property that replaces {@code trustedProxies} (comma-separated), e.g. for a test harness. */
    static final String TRUSTED_PROXIES_PROPERTY = "cubekvm.http.trustedProxies";

    static HttpLimits of(HttpLimitsConfig config) {
        return of(config, null);
    }

    /** @param proxiesOverride the {@link #TRUSTED_PROXIES_PROPERTY} framework property, or null */
    static HttpLimits of(HttpLimitsConfig config, String proxiesOverride) {
        Set<InetAddress> proxies = new LinkedHashSet<>();
        String[] listed = proxiesOverride == null ? config.trustedProxies() : proxiesOverride.split(",");
        for (String proxy : listed) {
            String address = proxy.trim();
            if (address.isEmpty()) {
                continue;
            }
            InetAddress parsed = IpLiterals.parse(address);
            if (parsed == null) {
                throw new IllegalArgumentException("http: trustedProxies must be IP addresses, was '" + address + "'");
            }
            proxies.add(parsed);
        }
        return new HttpLimits(
                1000L * range("headerTimeoutSeconds", config.headerTimeoutSeconds(), 1, 300),
                1000L * range("bodyTimeoutSeconds", config.bodyTimeoutSeconds(), 1, 600),
                1000L * range("idleTimeoutSeconds", config.idleTimeoutSeconds(), 5, 3600),
                range("maxConnectionsPerAddress", config.maxConnectionsPerAddress(), 1, 1000),
                range("maxConnections", config.maxConnections(), 1, 10_000),
                range("requestHeaderBytes", config.requestHeaderBytes(), 1024, 65_536),
                range("smallBodyBufferBytes", config.smallBodyBufferBytes(), (int) BodyLimits.DEFAULT_BYTES, 1 << 28),
                range("largeBodyBufferBytes", config.largeBodyBufferBytes(), (int) BodyLimits.LARGE_BYTES, 1 << 28),
                Set.copyOf(proxies));
    }

    private static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("http: " + name + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
