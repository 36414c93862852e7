package org.cubekvm.console.internal;

import org.cubekvm.api.rest.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.platform.HealthContributor;
import org.cubekvm.api.platform.HealthStatus;
import org.cubekvm.api.rest.ApiException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, updates and uninstalls bundles as transactions: verify → install/update → resolve →
 * start → health gate. A failing step puts back the previous revision (its jar kept on disk), the
 * configuration and so the services. One change at a time; a journal in {@code <data>/console}
 * lets {@link Recovery} undo a change the platform died in the middle of.
 */
@Component(service = {BundleManager.class, HealthContributor.class})
public class BundleManager implements HealthContributor {
    /** Location prefix of bundles installed through the console. */
    static final String LOCATION_PREFIX = "cubekvm:installed:";
    /** The platform runtime: updated only by a jar signed with the build's key, never uninstalled. */
    static final Set<String> RUNTIME = Set.of("org.cubekvm.api", "org.cubekvm.http", "org.cubekvm.auth", "org.cubekvm.console");
    /** Framework property naming a step at which a change stops and waits forever (crash tests only). */
    static final String PAUSE_PROPERTY = "cubekvm.console.test.pauseAt";
    private static final long HEALTH_LIMIT_MILLIS = 15_000;
    private static final long REFRESH_TIMEOUT_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.console");

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final Path folder;
    private final TrustStore trust;
    private final JarVerifier verifier;
    private final StoredJars jars;
    private final Journal journal;
    private final HealthGate gate;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<HealthContributor> contributors = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final String pauseAt;
    private volatile String recovered;

    @Activate
    public BundleManager(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference ServiceComponentRuntime scr) {
        this(context, configAdmin, scr, HEALTH_LIMIT_MILLIS);
    }

    /** As the component, with the health gate's time limit given (a unit test fails the gate at once). */
    BundleManager(BundleContext context, ConfigurationAdmin configAdmin, ServiceComponentRuntime scr,
            long healthLimitMillis) {
        this.context = context;
        this.configAdmin = configAdmin;
        String data = context.getProperty("cubekvm.data");
        Path dataDir = data == null ? Paths.get("data") : Paths.get(data);
        this.folder = dataDir.resolve("console");
        this.trust = new TrustStore(dataDir.resolve("trust"),
                TrustStore.buildCertificate(BundleManager.class.getResourceAsStream("/trust/build.pem")));
        this.verifier = new JarVerifier(trust);
        this.jars = new StoredJars(folder.resolve("bundles"));
        this.journal = new Journal(folder);
        this.gate = new HealthGate(scr, this::platformHealth, healthLimitMillis);
        this.pauseAt = context.getProperty(PAUSE_PROPERTY);
        cleanUploads();
        this.recovered = new Recovery(context, journal, jars).run();
    }

    @Deactivate
    void deactivate() {
        closed.countDown();
    }

    /** Every other health check (the target leaves this component out: SCR would log a cycle for it). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(!(component.name=org.cubekvm.console.internal.BundleManager))")
    void addContributor(HealthContributor contributor) {
        if (contributor != this) {
            contributors.add(contributor);
        }
    }

    void removeContributor(HealthContributor contributor) {
        contributors.remove(contributor);
    }

    JarVerifier verifier() {
        return verifier;
    }

    TrustStore trust() {
        return trust;
    }

    Path uploads() {
        return folder.resolve("uploads");
    }

    /** Who signed a bundle installed through the console; "build" for built-in ones. */
    String signer(Bundle bundle) {
        if (bundle.getLocation().startsWith(LOCATION_PREFIX)) {
            return jars.signer(bundle.getSymbolicName());
        }
        // Built-in: the build signed the platform's own bundles (org.cubekvm.*); third-party jars are not ours to vouch for.
        String name = bundle.getSymbolicName();
        boolean signed = bundle.findEntries("META-INF", "*.SF", false) != null;
        return trust.build() == null || !signed || name == null || !name.startsWith("org.cubekvm.") ? null
                : Certificates.subject(trust.build());
    }

    @Override
    public List<Health> health() {
        String message = recovered;
        return List.of(message == null ? Health.ok("bundles.transactions", "No bundle change was interrupted")
                : Health.warn("bundles.transactions", message));
    }

    /** POST /api/platform/bundles */
    Bundle install(Path upload) {
        try {
            VerifiedJar jar = verifier.verify(upload, Instant.now());
            String name = jar.symbolicName();
            for (Bundle existing : context.getBundles()) {
                if (name.equals(existing.getSymbolicName())) {
                    throw new ApiException(409, "already_installed", "Bundle " + name + " is already installed (id "
                            + existing.getBundleId() + "); update it with PUT /api/platform/bundles/" + existing.getBundleId());
                }
            }
            return transaction(() -> installVerified(jar));
        } finally {
            deleteQuietly(upload);
        }
    }

    private Bundle installVerified(VerifiedJar jar) throws IOException {
        String name = jar.symbolicName();
        String location = LOCATION_PREFIX + name;
        ConfigSnapshot config = ConfigSnapshot.take(configAdmin);
        Map<String, HealthStatus> before = gate.before();
        journal.begin(new Journal.Entry("install", name, location, null, jar.version().toString()));
        Bundle bundle = null;
        try {
            jars.promote(jar);
            try (InputStream in = Files.newInputStream(jars.current(name))) {
                bundle = context.installBundle(location, in);
            }
            pause("installed");
            bundle.start();
            gate.await(bundle, before);
        } catch (BundleException | IOException | RuntimeException e) {
            String reason = BundleFailures.describe(e);
            LOG.warn("cubekvm.console: installing {} {} failed, rolling back: {}", name, jar.version(), reason);
            try {
                if (bundle != null) {
                    uninstall(bundle);
                }
                config.restore(configAdmin);
                jars.delete(name);
            } catch (BundleException | IOException | RuntimeException restore) {
                journal.end();
                throw new ApiException(500, "rollback_failed", "Installing " + name + " failed (" + reason
                        + ") and it could not be removed again: " + BundleFailures.describe(restore));
            }
            journal.end();
            throw new ApiException(422, "install_failed", "Bundle " + name + " " + jar.version()
                    + " was not installed, nothing changed: " + reason);
        }
        journal.end();
        LOG.info("cubekvm.console: installed {} {} signed by {}", name, jar.version(), jar.signerSubject());
        return bundle;
    }

    /** PUT /api/platform/bundles/{id} */
    Bundle update(Bundle bundle, Path upload, boolean downgrade) {
        try {
            if (bundle.getBundleId() == 0) {
                throw new ApiException(409, "protected_bundle", "The framework cannot be replaced through the API");
            }
            VerifiedJar jar = verifier.verify(upload, Instant.now());
            if (!jar.symbolicName().equals(bundle.getSymbolicName())) {
                throw new ApiException(422, "symbolic_name_mismatch", "The uploaded jar is bundle '"
                        + ApiError.printable(jar.symbolicName()) + "', not " + bundle.getSymbolicName()
                        + "; install it as a new bundle instead");
            }
            boolean installed = bundle.getLocation().startsWith(LOCATION_PREFIX);
            if (!installed && !jar.signedByBuild()) {
                throw new ApiException(403, "not_signed_by_build", "Bundle " + bundle.getSymbolicName()
                        + " is part of the platform; only an update signed with the build's own key may replace it (this one is signed by "
                        + ApiError.printable(jar.signerSubject()) + ")");
            }
            if (jar.version().compareTo(bundle.getVersion()) < 0 && !downgrade) {
                throw new ApiException(409, "downgrade", "The upload is version " + jar.version() + ", lower than the installed "
                        + bundle.getVersion() + "; add ?downgrade=true to install an older version");
            }
            return transaction(() -> updateVerified(bundle, jar, installed));
        } finally {
            deleteQuietly(upload);
        }
    }

    private Bundle updateVerified(Bundle bundle, VerifiedJar jar, boolean installed) throws IOException {
        String name = bundle.getSymbolicName();
        Version previousVersion = bundle.getVersion();
        boolean wasActive = (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
        if (!installed) {
            // A built-in bundle's jar is in the distribution; keep a copy of what runs to put it back.
            Files.createDirectories(jars.current(name).getParent());
            BundleSnapshot.write(bundle, jars.current(name));
        }
        ConfigSnapshot config = ConfigSnapshot.take(configAdmin);
        Map<String, HealthStatus> before = gate.before();
        journal.begin(new Journal.Entry("update", name, bundle.getLocation(), previousVersion.toString(), jar.version().toString()));
        try {
            jars.promote(jar);
            replace(bundle, jars.current(name), true);
            gate.await(bundle, before);
        } catch (BundleException | IOException | RuntimeException e) {
            String reason = BundleFailures.describe(e);
            LOG.warn("cubekvm.console: updating {} to {} failed, rolling back to {}: {}", name, jar.version(), previousVersion, reason);
            try {
                jars.demote(name);
                replace(bundle, jars.current(name), wasActive);
                config.restore(configAdmin);
            } catch (BundleException | IOException | RuntimeException restore) {
                journal.end();
                throw new ApiException(500, "rollback_failed", "Updating " + name + " failed (" + reason
                        + ") and the previous version could not be restored: " + BundleFailures.describe(restore));
            }
            if (!installed) {
                jars.delete(name);
            }
            journal.end();
            throw new ApiException(422, "update_failed", "Bundle " + name + " was not updated to " + jar.version()
                    + ", version " + previousVersion + " is back: " + reason);
        }
        jars.dropPrevious(name);
        if (!installed) {
            jars.delete(name);
        }
        journal.end();
        LOG.info("cubekvm.console: updated {} from {} to {} signed by {}", name, previousVersion, jar.version(), jar.signerSubject());
        return bundle;
    }

    private void replace(Bundle bundle, Path jar, boolean start) throws BundleException, IOException {
        if ((bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
            bundle.stop(Bundle.STOP_TRANSIENT);
        }
        try (InputStream in = Files.newInputStream(jar)) {
            bundle.update(in);
        }
        pause("updated");
        refresh(bundle);
        if (start) {
            bundle.start();
        }
    }

    /** DELETE /api/platform/bundles/{id} */
    void uninstall(Bundle bundle, boolean force) {
        String name = bundle.getSymbolicName();
        if (bundle.getBundleId() == 0 || RUNTIME.contains(name)
                || (!bundle.getLocation().startsWith(LOCATION_PREFIX) && (name == null || !name.startsWith("org.cubekvm.")))) {
            throw new ApiException(409, "protected_bundle", "Bundle " + name
                    + " is part of the platform's runtime and cannot be uninstalled");
        }
        if (!bundle.getLocation().startsWith(LOCATION_PREFIX) && !force) {
            throw new ApiException(409, "built_in", "Bundle " + name + " is built in; add ?force=true to uninstall it"
                    + " (the launcher installs it again at the next start)");
        }
        transaction(() -> {
            journal.begin(new Journal.Entry("uninstall", name, bundle.getLocation(), bundle.getVersion().toString(), null));
            try {
                uninstall(bundle);
            } catch (BundleException e) {
                journal.end();
                throw new ApiException(409, "uninstall_failed", "Bundle " + name + " could not be uninstalled: "
                        + BundleFailures.describe(e));
            }
            if (bundle.getLocation().startsWith(LOCATION_PREFIX)) {
                jars.delete(name);
            }
            journal.end();
            LOG.info("cubekvm.console: uninstalled {}", name);
            return bundle;
        });
    }

    private void uninstall(Bundle bundle) throws BundleException {
        bundle.uninstall();
        refresh(bundle);
    }

    private interface Step {
        Bundle run() throws IOException;
    }

    private Bundle transaction(Step step) {
        if (!lock.tryLock()) {
            throw new ApiException(409, "busy", "Another bundle change is in progress; try again when it has finished");
        }
        try {
            return step.run();
        } catch (IOException e) {
            throw new ApiException(500, "change_failed", "The bundle change failed: " + BundleFailures.describe(e));
        } finally {
            lock.unlock();
        }
    }

    private void refresh(Bundle bundle) throws BundleException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> done.countDown());
        try {
            if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new BundleException("the refresh did not finish within " + REFRESH_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while refreshing");
        }
    }

    private Map<String, HealthStatus> platformHealth() {
        Map<String, HealthStatus> result = new HashMap<>();
        for (HealthContributor contributor : contributors) {
            try {
                for (Health health : contributor.health()) {
                    result.put(health.name(), health.status());
                }
            } catch (RuntimeException e) {
                result.put(contributor.getClass().getName(), HealthStatus.CRITICAL);
            }
        }
        return result;
    }

    /** Test hook: with {@value #PAUSE_PROPERTY} = step, the change stops here until the process dies. */
    private void pause(String step) {
        if (!step.equals(pauseAt)) {
            return;
        }
        LOG.warn("cubekvm.console: test hook: paused at step '{}'", step);
        try {
            Files.writeString(folder.resolve("paused"), step);
            closed.await();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cleanUploads() {
        try (var files = Files.list(uploads())) {
            files.forEach(BundleManager::deleteQuietly);
        } catch (IOException e) {
            // no uploads folder yet
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cubekvm.console: cannot delete {}: {}", file, e.getMessage());
        }
    }
}
