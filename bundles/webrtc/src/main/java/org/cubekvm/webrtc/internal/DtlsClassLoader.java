package org.cubekvm.webrtc.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines BouncyCastle's classes and the handshake's own ({@code org.cubekvm.webrtc.internal.dtls})
 * itself, from the class files its parent (the bundle's class loader, which has them on its
 * Bundle-ClassPath) serves as resources, and asks the parent for every other class. The parent thus
 * never defines those classes, and they are unloaded with this loader once nothing refers to it.
 */
final class DtlsClassLoader extends ClassLoader {
    static final String HANDSHAKE_PACKAGE = "org.cubekvm.webrtc.internal.dtls.";
    private static final String BOUNCY_CASTLE = "org.bouncycastle.";

    static {
        registerAsParallelCapable();
    }

    DtlsClassLoader(ClassLoader parent) {
        super("webrtc-dtls", parent);
    }

    /** Whether this loader defines {@code name} itself instead of asking its parent. */
    static boolean definesItself(String name) {
        return name.startsWith(BOUNCY_CASTLE) || name.startsWith(HANDSHAKE_PACKAGE);
    }

    /** Whether this loader has defined {@code name} (for tests: what a handshake loads). */
    boolean hasDefined(String name) {
        return findLoadedClass(name) != null;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!definesItself(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    /** Only {@link #loadClass} calls this, for the names this loader defines itself. */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
