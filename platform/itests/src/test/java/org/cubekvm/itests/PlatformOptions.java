package org.cubekvm.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.cubekvm.testsupport.Await;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.cm.ConfigurationAdminOptions;
import org.ops4j.pax.exam.cm.ConfigurationOption;
import org.ops4j.pax.exam.options.UrlProvisionOption;

/**
 * The Pax Exam configuration that mirrors the real launcher: the distribution's framework
 * properties, the profile's {@code framework.*} overrides, what the launcher computes (port,
 * host, profile, data folder), every bundle of {@code bundles/<stage>/} under its built-in
 * location, and the profile's configuration applied through ConfigAdmin.
 */
final class PlatformOptions {
    /** Framework property the launcher uses for the HTTP port; the tests read it back inside the framework. */
    static final String HTTP_PORT = "org.osgi.service.http.port";
    static final String HOST = "127.0.0.1";

    private PlatformOptions() {
    }

    static Option[] platform() {
        try {
            return build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the distribution", e);
        }
    }

    private static Option[] build() throws IOException {
        List<Option> options = new ArrayList<>();
        Path work = Paths.get(System.getProperty("cubekvm.itest.work", "target/itest-work")).toAbsolutePath();
        Files.createDirectories(work);
        options.add(workingDirectory(work.resolve("pax-exam").toString()));
        options.add(cleanCaches());
        // Pax Exam's 180 s default (service injection, framework stop) turns a broken start into a long hang.
        options.add(systemTimeout(60_000));
        options.add(systemProperty("pax.exam.osgi.unresolved.fail").value("true"));
        // Pax Exam's own pax-logging would log at DEBUG otherwise.
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));

        Properties framework = DistributionFolder.frameworkProperties();
        Properties profile = DistributionFolder.profileProperties();
        for (String key : profile.stringPropertyNames()) {
            if (key.startsWith("framework.")) {
                framework.setProperty(key.substring("framework.".length()), profile.getProperty(key));
            }
        }
        for (String key : framework.stringPropertyNames()) {
            String value = framework.getProperty(key);
            if (key.equals("org.osgi.framework.system.packages.extra")) {
                // The native container builds this key from systemPackage options and would drop a frameworkProperty.
                // This is how SLF4J 2 (on the driver class path, as on the launcher's) reaches the bundles.
                options.add(systemPackage(value));
            } else {
                options.add(frameworkProperty(key).value(value));
            }
        }

        Path data = Files.createTempDirectory(work, "data-");
        options.add(frameworkProperty(HTTP_PORT).value(Integer.toString(freePort())));
        options.add(frameworkProperty("org.apache.felix.http.host").value(HOST));
        options.add(frameworkProperty("cubekvm.https.port").value(Integer.toString(freePort())));
        options.add(frameworkProperty("cubekvm.profile").value(DistributionFolder.PROFILE));
        options.add(frameworkProperty("cubekvm.data").value(data.toString()));
        options.add(frameworkProperty("cubekvm.home").value(DistributionFolder.home().toString()));
        options.add(frameworkProperty("cubekvm.version").value(DistributionFolder.version()));
        options.add(frameworkProperty("felix.cm.dir").value(data.resolve("config").toString()));
        // Also set in framework.properties today; the hot-swap and WebSocket-origin tests depend on it.
        options.add(frameworkProperty("org.apache.felix.jetty.websocket.enable").value("true"));

        Map<String, Map<String, String>> configurations = DistributionFolder.configurations();
        // The WebRTC media port on a free UDP port: the default (8189) is taken while another build's
        // tests run on the same machine, and WHEP would answer 503.
        configurations.computeIfAbsent("org.cubekvm.webrtc", pid -> new LinkedHashMap<>())
                .put("udpPort", Integer.toString(freeUdpPort()));
        for (Map.Entry<String, Map<String, String>> entry : configurations.entrySet()) {
            String name = entry.getKey();
            int tilde = name.indexOf('~');
            ConfigurationOption configuration = tilde > 0
                    ? ConfigurationAdminOptions.factoryConfiguration(name.substring(0, tilde))
                    : ConfigurationAdminOptions.newConfiguration(name);
            entry.getValue().forEach(configuration::put);
            options.add(configuration.asOption());
        }

        for (DistributionFolder.Jar jar : DistributionFolder.bundles()) {
            UrlProvisionOption option = bundle(jar.location());
            // Fragments cannot be started; they attach to their host when it resolves.
            options.add(jar.fragment() ? option.noStart() : option);
        }
        options.add(testSupport());
        options.add(junitBundles());
        return options.toArray(new Option[0]);
    }

    /**
     * The tests' own helpers ({@link Await}) as a bundle, so the probe (which imports dynamically)
     * uses the same class inside the framework: the jar the driver loaded it from, or its classes
     * folder when the reactor has not packaged it yet (Felix installs a folder by reference).
     */
    private static Option testSupport() {
        String location = Await.class.getProtectionDomain().getCodeSource().getLocation().toString();
        return bundle(location.endsWith(".jar") ? location : "reference:" + location);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
