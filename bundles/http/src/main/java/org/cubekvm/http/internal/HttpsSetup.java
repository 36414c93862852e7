package org.cubekvm.http.internal;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import org.cubekvm.api.http.HttpsEndpoint;
import org.cubekvm.api.platform.PlatformProperties;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS beside HTTP when {@code --https-port} is set (framework property {@code cubekvm.https.port}):
 * makes the per-device key on first start, then configures Felix HTTP (PID
 * {@code org.apache.felix.http}) with it, which restarts Jetty with an HTTPS connector. Runs on
 * its own thread (keytool takes seconds on the device) and registers {@link HttpsEndpoint} when
 * HTTPS serves, or at once when it is off, so the access guard (auth), which references it, appears
 * after Jetty's restart. When HTTPS is slow to serve, plain HTTP works meanwhile and the endpoint is
 * registered again with the HTTPS port once it serves ({@link HttpsServingWatch}). It lives in the
 * HTTP core because it reconfigures the HTTP service.
 */
// A service of its own class: TlsResource (GET/PUT /api/auth/tls) references it. Without the service
// attribute DS registered nothing (the class implements no interface), and that resource never came up.
@Component(immediate = true, service = HttpsSetup.class)
public class HttpsSetup {
    static final String HTTPS_PORT_PROPERTY = "cubekvm.https.port";
    static final String FELIX_HTTP_PID = "org.apache.felix.http";
    static final String ENABLE = "org.apache.felix.https.enable";
    static final String PORT = "org.osgi.service.http.port.secure";
    static final String KEYSTORE = "org.apache.felix.https.keystore";
    static final String KEYSTORE_PASSWORD = "org.apache.felix.https.keystore.password";
    static final String KEY_PASSWORD = "org.apache.felix.https.keystore.key.password";
    static final String KEYSTORE_TYPE = "org.apache.felix.https.keystore.type";
    private static final long SERVE_TIMEOUT_MILLIS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.http");

    private final ConfigurationAdmin configurationAdmin;
    private final BundleContext context;
    private final TlsKeystore keystore;
    private final int port;
    private final String host;
    private volatile ServiceRegistration<HttpsEndpoint> registration;
    private volatile Thread worker;
    private volatile String problem;
    private volatile String lastProbe = "nothing listened";
    private volatile boolean deactivated;

    @Activate
    public HttpsSetup(@Reference ConfigurationAdmin configurationAdmin, BundleContext context) {
        this.configurationAdmin = configurationAdmin;
        this.context = context;
        String data = context.getProperty(PlatformProperties.DATA_DIR_PROPERTY);
        this.keystore = new TlsKeystore(Paths.get(data == null ? "data" : data).toAbsolutePath().resolve("tls"));
        String configured = context.getProperty(HTTPS_PORT_PROPERTY);
        this.port = configured == null || configured.isBlank() ? 0 : Integer.parseInt(configured.trim());
        String bind = context.getProperty("org.apache.felix.http.host");
        this.host = bind == null || bind.isBlank() || bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
        Thread thread = new Thread(this::setUp, "cubekvm-http-https");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Deactivate
    void deactivate() {
        deactivated = true;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
        synchronized (this) {
            unregisterEndpoint();
        }
    }

    TlsKeystore keystore() {
        return keystore;
    }

    int port() {
        return port;
    }

    /** Null when HTTPS works or is off, else what went wrong. */
    String problem() {
        return problem;
    }

    private void setUp() {
        try {
            if (port > 0) {
                keystore.ensure("cubekvm-" + TlsKeystore.randomId());
                configureJetty();
                SSLContext ssl = probeContext();
                new HttpsServingWatch(port, () -> servesHealthz(ssl), this::publish, SERVE_TIMEOUT_MILLIS,
                        System::currentTimeMillis, Thread::sleep).await(() -> {
                            problem = "HTTPS on port " + port + " did not serve within " + SERVE_TIMEOUT_MILLIS / 1000
                                    + " s (" + lastProbe + "); still waiting for it";
                            LOG.warn("{}. Plain HTTP serves without the redirect until it does", problem);
                        });
                problem = null;
                LOG.info("HTTPS on port {} (certificate {})", port, keystore.info().sha256());
            } else {
                removeJettyHttps();
                publish(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            problem = e.getMessage();
            LOG.error("HTTPS on port {} could not be set up: {}. HTTP keeps working; check the data directory's"
                    + " tls/ folder", port, e.toString());
            publish(0);
        } finally {
            worker = null;
        }
    }

    /**
     * (Re)registers {@link HttpsEndpoint} with the port that serves; a changed port replaces the registration,
     * so the access guard, which reads it when it starts, starts again with it. Nothing after deactivation.
     */
    private synchronized void publish(int served) {
        if (Thread.currentThread().isInterrupted() || deactivated) {
            return;
        }
        unregisterEndpoint();
        registration = context.registerService(HttpsEndpoint.class, new Ready(served), null);
    }

    /** Called with this object's lock held. */
    private void unregisterEndpoint() {
        ServiceRegistration<HttpsEndpoint> current = registration;
        registration = null;
        if (current != null) {
            try {
                current.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }

    /** Points Felix HTTP at the keystore; called again after a certificate was installed (Jetty restarts). */
    synchronized void configureJetty() throws IOException {
        Path file = keystore.keystore();
        Map<String, Object> wanted = Map.of(ENABLE, "true", PORT, Integer.toString(port), KEYSTORE, file.toString(),
                KEYSTORE_PASSWORD, keystore.password(), KEY_PASSWORD, keystore.password(), KEYSTORE_TYPE, "PKCS12");
        Configuration configuration = configurationAdmin.getConfiguration(FELIX_HTTP_PID, "?");
        Dictionary<String, Object> current = configuration.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        if (current != null) {
            for (java.util.Enumeration<String> keys = current.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                next.put(key, current.get(key));
            }
        }
        boolean same = current != null
                && wanted.entrySet().stream().allMatch(e -> Objects.equals(String.valueOf(current.get(e.getKey())), e.getValue()));
        if (same) {
            return;
        }
        next.putAll(wanted);
        configuration.update(next);
        LOG.info("Felix HTTP reconfigured for HTTPS on port {}; Jetty restarts", port);
    }

    private void removeJettyHttps() throws IOException {
        Configuration[] found;
        try {
            found = configurationAdmin.listConfigurations("(service.pid=" + FELIX_HTTP_PID + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (found == null || found.length == 0 || found[0].getProperties() == null
                || found[0].getProperties().get(ENABLE) == null) {
            return;
        }
        Dictionary<String, Object> current = found[0].getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        for (java.util.Enumeration<String> keys = current.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!key.startsWith("org.apache.felix.https.") && !key.equals(PORT)) {
                next.put(key, current.get(key));
            }
        }
        found[0].update(next);
        LOG.info("HTTPS is off (no --https-port); Felix HTTP reconfigured without it");
    }

    private static SSLContext probeContext() throws IOException {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            // Only our own, just generated certificate is ever at the other end of this loopback probe.
            ssl.init(null, new TrustManager[] {new LoopbackProbeTrust()}, null);
            return ssl;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("no TLS in this JDK: " + e.getMessage(), e);
        }
    }

    /**
     * Whether Jetty, restarted with HTTPS, serves this platform's own {@code /healthz} over HTTPS (any
     * JSON answer: the guard is not there yet, so it says DOWN). A listening port alone is not enough:
     * the whiteboard's contexts come back a moment after the connector.
     */
    private boolean servesHealthz(SSLContext ssl) {
        try {
            HttpsURLConnection connection = (HttpsURLConnection) URI.create("https://" + host + ":" + port + "/healthz")
                    .toURL().openConnection();
            connection.setSSLSocketFactory(ssl.getSocketFactory());
            connection.setHostnameVerifier((name, session) -> true);
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            String type = connection.getContentType();
            connection.disconnect();
            if (type != null && type.startsWith("application/json")) {
                return true;
            }
            lastProbe = "HTTP " + status + " " + type;
        } catch (IOException e) {
            lastProbe = e.toString();
        }
        return false;
    }

    /** The registered {@link HttpsEndpoint}: the port that serves, 0 when HTTPS is off or failed. */
    private record Ready(int port) implements HttpsEndpoint {
    }

    private static final class LoopbackProbeTrust implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // the probe only asks whether our own Jetty answers; it sends nothing secret
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
