package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxyTest {
    @Test
    void theProxysOwnEntryIsTheLastOne() {
        // the client wrote "1.2.3.4" itself; the proxy appended the address it saw
        assertEquals("198.51.100.7", TrustedProxyCustomizer.lastForwardedFor(List.of("1.2.3.4, 198.51.100.7")).getHostAddress());
        assertEquals("198.51.100.8", TrustedProxyCustomizer.lastForwardedFor(List.of("1.2.3.4", "198.51.100.8")).getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", TrustedProxyCustomizer.lastForwardedFor(List.of("[::1]")).getHostAddress());
    }

    @Test
    void namesAndGarbageAreNotAddresses() {
        assertNull(TrustedProxyCustomizer.lastForwardedFor(List.of("evil.example")));
        assertNull(TrustedProxyCustomizer.lastForwardedFor(List.of("999.1.1.1")));
        assertNull(TrustedProxyCustomizer.lastForwardedFor(List.of("")));
        assertNull(TrustedProxyCustomizer.lastForwardedFor(List.of()));
        assertNull(IpLiterals.parse("localhost"));
    }

    @Test
    void offByDefault() {
        assertTrue(HttpLimits.of(config(new String[0], 10)).trustedProxies().isEmpty());
    }

    @Test
    void theFrameworkPropertyReplacesTheSetting() {
        assertEquals(2, HttpLimits.of(config(new String[] {"198.51.100.1"}, 10), "127.0.0.1, ::1").trustedProxies().size());
        assertThrows(IllegalArgumentException.class, () -> HttpLimits.of(config(new String[0], 10), "127.0.0.1,proxy.lan"));
    }

    @Test
    void settingsAreChecked() {
        assertEquals(1, HttpLimits.of(config(new String[] {"127.0.0.1"}, 10)).trustedProxies().size());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> HttpLimits.of(config(new String[] {"proxy.lan"}, 10)));
        assertTrue(name.getMessage().contains("proxy.lan"), name.getMessage());
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> HttpLimits.of(config(new String[0], 0)));
        assertTrue(timeout.getMessage().contains("headerTimeoutSeconds"), timeout.getMessage());
    }

    private static HttpLimitsConfig config(String[] proxies, int headerTimeout) {
        return new HttpLimitsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HttpLimitsConfig.class;
            }

            @Override
            public int headerTimeoutSeconds() {
                return headerTimeout;
            }

            @Override
            public int bodyTimeoutSeconds() {
                return 10;
            }

            @Override
            public int idleTimeoutSeconds() {
                return 30;
            }

            @Override
            public int maxConnectionsPerAddress() {
                return 32;
            }

            @Override
            public int maxConnections() {
                return 128;
            }

            @Override
            public int requestHeaderBytes() {
                return 8192;
            }

            @Override
            public int smallBodyBufferBytes() {
                return 512 * 1024;
            }

            @Override
            public int largeBodyBufferBytes() {
                return 512 * 1024;
            }

            @Override
            public String[] trustedProxies() {
                return proxies;
            }
        };
    }
}
