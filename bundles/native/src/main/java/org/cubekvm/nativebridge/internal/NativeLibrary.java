package org.cubekvm.nativebridge.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads libcubekvm lazily, once per class loader (so a process that never encodes never maps
 * it), and answers whether it can be used. In OSGi the framework finds the file through the
 * bundle's {@code Bundle-NativeCode}; in unit tests through {@code java.library.path}.
 * <p>
 * The kill switch {@value #KILL_SWITCH}{@code =true} (framework or system property) keeps the
 * library unloaded: every encoder then reports itself unavailable with that reason.
 */
final class NativeLibrary {
    static final String KILL_SWITCH = "cubekvm.native.disabled";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.native");

    private static boolean attempted;
    private static String loadProblem;

    private final boolean killed;

    private NativeLibrary(boolean killed) {
        this.killed = killed;
    }

    /** @param killSwitch the framework property {@value #KILL_SWITCH}, or null */
    static NativeLibrary withKillSwitch(String killSwitch) {
        return new NativeLibrary("true".equalsIgnoreCase(killSwitch) || Boolean.getBoolean(KILL_SWITCH));
    }

    boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /** Null when usable; otherwise what is wrong and what to do. */
    String unavailabilityCause() {
        if (killed) {
            return "the native bridge is switched off by " + KILL_SWITCH + "=true; remove that property to encode video";
        }
        return loadOnce();
    }

    private static synchronized String loadOnce() {
        if (!attempted) {
            attempted = true;
            loadProblem = load();
            if (loadProblem == null) {
                LOG.info("libcubekvm loaded");
            } else {
                LOG.warn("{}", loadProblem);
            }
        }
        return loadProblem;
    }

    private static String load() {
        String platform = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        try {
            System.loadLibrary("cubekvm");
        } catch (UnsatisfiedLinkError e) {
            return "libcubekvm.so could not be loaded on " + platform + " (" + e.getMessage() + "); this bundle"
                    + " carries it for the platforms it was built for: rebuild CubeKVM on this machine (needs gcc, make,"
                    + " libturbojpeg0-dev and libopenh264-dev: sudo apt-get install gcc make libturbojpeg0-dev"
                    + " libopenh264-dev)";
        }
        int abi;
        try {
            abi = Native.abiVersion0();
        } catch (UnsatisfiedLinkError e) {
            return "libcubekvm.so did not register its natives (" + e.getMessage() + "); rebuild CubeKVM";
        }
        if (abi != Native.ABI_VERSION) {
            return "libcubekvm.so has ABI version " + abi + " but this bundle needs " + Native.ABI_VERSION
                    + ": the library is stale; rebuild CubeKVM";
        }
        return null;
    }
}
