package org.cubekvm.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Just enough of an OSGi framework, ConfigAdmin and SCR for {@link BundleManager}: bundles are
 * installed and updated from real jars (their manifest gives name and version), a bundle's
 * start can be made to fail or to change configuration, and each bundle has one DS component
 * whose state the test chooses. Each part is a dynamic proxy: a call the manager is not expected
 * to make fails the test instead of returning a silent default.
 */
final class FakeFramework {
    /** What starting {@code name@version} does; may throw to fail the start. */
    interface StartBehaviour {
        void started(FakeBundle bundle) throws BundleException;
    }

    final Map<String, String> properties = new ConcurrentHashMap<>();
    final List<FakeBundle> bundles = new CopyOnWriteArrayList<>();
    /** pid → properties: what ConfigAdmin holds. */
    final Map<String, Map<String, Object>> configurations = new ConcurrentHashMap<>();
    /** {@code name@version} → what its start does (default: nothing, it starts). */
    final Map<String, StartBehaviour> onStart = new ConcurrentHashMap<>();
    /** {@code name@version} → its component's state once started (default ACTIVE). */
    final Map<String, Integer> componentState = new ConcurrentHashMap<>();
    private long nextId = 1;

    final BundleContext context = proxy(BundleContext.class, (method, args) -> switch (method.getName()) {
        case "getProperty" -> properties.get((String) args[0]);
        case "getBundles" -> bundles.stream().map(b -> b.proxy).toArray(Bundle[]::new);
        case "getBundle" -> args == null ? null
                : args[0] instanceof Long id ? (id == 0 ? systemBundle() : byId(id))
                : bundles.stream().filter(b -> b.location.equals(args[0])).map(b -> b.proxy).findFirst().orElse(null);
        case "installBundle" -> install((String) args[0], (InputStream) args[1]);
        default -> unexpected(BundleContext.class, method);
    });

    final ConfigurationAdmin configAdmin = proxy(ConfigurationAdmin.class, (method, args) -> switch (method.getName()) {
        case "listConfigurations" -> configurations.isEmpty() ? null
                : configurations.keySet().stream().map(this::configuration).toArray(Configuration[]::new);
        default -> unexpected(ConfigurationAdmin.class, method);
    });

    final ServiceComponentRuntime scr = proxy(ServiceComponentRuntime.class, (method, args) -> switch (method.getName()) {
        case "getComponentDescriptionDTOs" -> {
            List<ComponentDescriptionDTO> result = new ArrayList<>();
            for (Object bundle : (Object[]) args[0]) {
                ComponentDescriptionDTO description = new ComponentDescriptionDTO();
                description.name = ((Bundle) bundle).getSymbolicName() + ".Component";
                result.add(description);
            }
            yield result;
        }
        case "isComponentEnabled" -> true;
        case "getComponentConfigurationDTOs" -> {
            String name = ((ComponentDescriptionDTO) args[0]).name.replace(".Component", "");
            FakeBundle bundle = bySymbolicName(name);
            ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
            configuration.state = componentState.getOrDefault(bundle.key(), ComponentConfigurationDTO.ACTIVE);
            configuration.failure = configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION
                    ? "activate threw" : null;
            configuration.unsatisfiedReferences = new UnsatisfiedReferenceDTO[0];
            yield List.of(configuration);
        }
        default -> unexpected(ServiceComponentRuntime.class, method);
    });

    FakeBundle bySymbolicName(String name) {
        return bundles.stream().filter(b -> name.equals(b.symbolicName)).findFirst().orElse(null);
    }

    /** The framework's observable state: each bundle's name, version, state and location, sorted. */
    Map<String, String> bundleList() {
        Map<String, String> result = new TreeMap<>();
        for (FakeBundle bundle : bundles) {
            result.put(bundle.symbolicName, bundle.version + " " + BundleStates.name(bundle.state) + " " + bundle.location);
        }
        return result;
    }

    /** A deep copy of what ConfigAdmin holds. */
    Map<String, Map<String, Object>> configurationCopy() {
        Map<String, Map<String, Object>> result = new TreeMap<>();
        configurations.forEach((pid, values) -> result.put(pid, new TreeMap<>(values)));
        return result;
    }

    private Bundle install(String location, InputStream in) throws BundleException {
        FakeBundle bundle = new FakeBundle(nextId++, location);
        bundle.read(in);
        if (bySymbolicName(bundle.symbolicName) != null) {
            throw new BundleException("a bundle " + bundle.symbolicName + " is already installed");
        }
        bundles.add(bundle);
        return bundle.proxy;
    }

    private Bundle byId(long id) {
        return bundles.stream().filter(b -> b.id == id).map(b -> b.proxy).findFirst().orElse(null);
    }

    private Bundle systemBundle() {
        FrameworkWiring wiring = proxy(FrameworkWiring.class, (method, args) -> {
            if (!method.getName().equals("refreshBundles")) {
                return unexpected(FrameworkWiring.class, method);
            }
            // Nothing to rewire here: the refresh is done at once.
            for (FrameworkListener listener : (FrameworkListener[]) args[1]) {
                listener.frameworkEvent(null);
            }
            return null;
        });
        return proxy(Bundle.class, (method, args) -> switch (method.getName()) {
            case "adapt" -> args[0] == FrameworkWiring.class ? wiring : null;
            case "getBundleId" -> 0L;
            default -> unexpected(Bundle.class, method);
        });
    }

    private Configuration configuration(String pid) {
        return proxy(Configuration.class, (method, args) -> switch (method.getName()) {
            case "getPid" -> pid;
            case "getProperties" -> {
                Map<String, Object> values = configurations.get(pid);
                yield values == null ? null : new Hashtable<>(values);
            }
            case "update" -> {
                @SuppressWarnings("unchecked")
                Dictionary<String, Object> values = (Dictionary<String, Object>) args[0];
                Map<String, Object> copy = new HashMap<>();
                for (Enumeration<String> keys = values.keys(); keys.hasMoreElements();) {
                    String key = keys.nextElement();
                    copy.put(key, values.get(key));
                }
                configurations.put(pid, copy);
                yield null;
            }
            case "delete" -> {
                configurations.remove(pid);
                yield null;
            }
            default -> unexpected(Configuration.class, method);
        });
    }

    /** One bundle: its identity comes from the manifest of the jar it was installed or updated from. */
    final class FakeBundle {
        final long id;
        final String location;
        volatile String symbolicName;
        volatile Version version;
        volatile int state = Bundle.INSTALLED;
        final Bundle proxy;

        FakeBundle(long id, String location) {
            this.id = id;
            this.location = location;
            this.proxy = FakeFramework.proxy(Bundle.class, this::call);
        }

        String key() {
            return symbolicName + "@" + version;
        }

        void read(InputStream in) throws BundleException {
            try (JarInputStream jar = new JarInputStream(in)) {
                Manifest manifest = Objects.requireNonNull(jar.getManifest(), "a jar without a manifest");
                symbolicName = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
                version = Version.parseVersion(manifest.getMainAttributes().getValue("Bundle-Version"));
            } catch (IOException e) {
                throw new BundleException("not a jar: " + e.getMessage());
            }
        }

        private Object call(Method method, Object[] args) throws BundleException {
            switch (method.getName()) {
                case "getBundleId":
                    return id;
                case "getLocation":
                    return location;
                case "getSymbolicName":
                    return symbolicName;
                case "getVersion":
                    return version;
                case "getState":
                    return state;
                case "start":
                    alive();
                    state = Bundle.STARTING;
                    StartBehaviour behaviour = onStart.get(key());
                    try {
                        if (behaviour != null) {
                            behaviour.started(this);
                        }
                    } catch (BundleException | RuntimeException e) {
                        state = Bundle.RESOLVED;
                        throw e;
                    }
                    state = Bundle.ACTIVE;
                    return null;
                case "stop":
                    alive();
                    state = Bundle.RESOLVED;
                    return null;
                case "update":
                    alive();
                    state = Bundle.INSTALLED;
                    read((InputStream) args[0]);
                    return null;
                case "uninstall":
                    alive();
                    state = Bundle.UNINSTALLED;
                    bundles.remove(this);
                    return null;
                default:
                    return unexpected(Bundle.class, method);
            }
        }

        private void alive() {
            if (state == Bundle.UNINSTALLED) {
                throw new IllegalStateException(symbolicName + " is uninstalled");
            }
        }
    }

    private interface Handler {
        Object call(Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) { // equals, hashCode, toString: identity
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> type.getSimpleName() + " fake";
                };
            }
            return handler.call(method, args);
        };
        return (T) Proxy.newProxyInstance(FakeFramework.class.getClassLoader(), new Class<?>[] {type}, invocation);
    }

    private static Object unexpected(Class<?> type, Method method) {
        throw new AssertionError("the fake " + type.getSimpleName() + " does not expect " + method.getName()
                + "(): the test's fake needs to learn it");
    }
}
