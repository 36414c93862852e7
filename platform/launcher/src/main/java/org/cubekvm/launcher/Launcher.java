package org.cubekvm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Boots the platform: framework, built-in bundles, profile configuration, then waits for shutdown. */
final class Launcher {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.launcher");
    private static final long STOP_TIMEOUT_MILLIS = 4500;
    private static final long CONFIG_ADMIN_TIMEOUT_MILLIS = 10_000;

    private final LaunchOptions options;
    private final PidFile pidFile;
    private volatile Framework framework;

    Launcher(LaunchOptions options) {
        this.options = options;
        this.pidFile = new PidFile(options.data());
    }

    /** @return the exit status */
    int run() throws Exception {
        StartupPhases phases = new StartupPhases();
        Files.createDirectories(options.data());
        pidFile.claim();
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "cubekvm-shutdown"));

        Properties profile = profileProperties();
        Map<String, Object> properties = FrameworkProperties.build(options, profile);
        properties.put("felix.log.logger", new FelixLogBridge());
        framework = new FrameworkFactory().newFramework(properties);
        framework.init();
        phases.mark("framework");
        BundleContext context = framework.getBundleContext();
        BundleEventLogger events = new BundleEventLogger();
        context.addBundleListener(events);
        context.addFrameworkListener(events);

        Set<String> excluded = new HashSet<>(Arrays.asList(profile.getProperty("bundles.exclude", "").split("\\s*,\\s*")));
        BundleHeadersCache headers = BundleHeadersCache.load(options.data().resolve("builtin-bundles.headers"));
        List<BundleJar> jars = Distribution.bundles(options.home(), excluded, headers);
        headers.store();
        phases.mark("scan");
        List<Bundle> bundles = new BuiltInSync(options.data()).apply(context, jars);
        phases.mark("install");
        framework.start();
        resolve(context, bundles);
        phases.mark("resolve");

        int stages = jars.stream().mapToInt(BundleJar::stage).max().orElse(-1) + 1;
        int failures = 0;
        for (int stage = 0; stage < stages; stage++) {
            failures += startStage(bundles, jars, stage);
            if (stage == 0) {
                ConfigAdminClient.apply(context, ProfileConfiguration.load(options.home(), options.profile()),
                        CONFIG_ADMIN_TIMEOUT_MILLIS);
            }
            phases.mark("stage " + stage);
        }
        LOG.info("CubeKVM {} ({} profile) started in {} ms with {} bundles{}; open {}", properties.get("cubekvm.version"),
                options.profile(), phases.totalMillis(), bundles.size(), failures == 0 ? "" : ", " + failures + " failed",
                options.url());
        LOG.info("start-up phases: {}", phases);
        System.out.println("CubeKVM is serving at " + options.url());

        FrameworkEvent stopped = framework.waitForStop(0);
        return stopped.getType() == FrameworkEvent.ERROR ? 1 : 0;
    }

    private Properties profileProperties() throws IOException {
        Properties properties = new Properties();
        Path file = options.home().resolve("config").resolve(options.profile()).resolve("profile.properties");
        if (!Files.isDirectory(file.getParent())) {
            throw new IOException("unknown profile '" + options.profile() + "': there is no folder " + file.getParent());
        }
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        return properties;
    }

    private static void resolve(BundleContext context, List<Bundle> bundles) {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        if (!wiring.resolveBundles(bundles)) {
            for (Bundle bundle : bundles) {
                if (bundle.getState() == Bundle.INSTALLED) {
                    try {
                        bundle.start(Bundle.START_TRANSIENT);
                    } catch (BundleException e) {
                        LOG.error("bundle {} cannot resolve: {}", bundle.getSymbolicName(), OneLine.of(e));
                    }
                }
            }
        }
    }

    private static int startStage(List<Bundle> bundles, List<BundleJar> jars, int stage) {
        int failures = 0;
        for (int i = 0; i < bundles.size(); i++) {
            Bundle bundle = bundles.get(i);
            BundleJar jar = jars.stream().filter(j -> j.location().equals(bundle.getLocation())).findFirst().orElse(null);
            if (jar == null || jar.stage() != stage || jar.fragment()) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException | IllegalStateException e) {
                failures++;
                LOG.error("bundle {} failed to start: {}", bundle.getSymbolicName(), OneLine.of(e));
            }
        }
        return failures;
    }

    private void shutdown() {
        Framework fw = framework;
        try {
            if (fw != null && (fw.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                LOG.info("stopping CubeKVM");
                fw.stop();
                FrameworkEvent event = fw.waitForStop(STOP_TIMEOUT_MILLIS);
                if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    LOG.warn("the framework did not stop within {} ms; exiting anyway", STOP_TIMEOUT_MILLIS);
                } else {
                    LOG.info("CubeKVM stopped");
                }
            }
        } catch (BundleException | InterruptedException e) {
            LOG.error("stopping failed: {}", OneLine.of(e));
        } finally {
            pidFile.release();
        }
    }

}
