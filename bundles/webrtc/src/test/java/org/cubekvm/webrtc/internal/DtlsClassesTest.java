package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * The DTLS classes live in a class loader of their own for as long as handshakes need them: the
 * handshake and BouncyCastle are defined there (not by the loader that asked), a handshake within the
 * grace reuses them, and after the grace they are dropped and unloaded. A session's whole handshake
 * through them: {@link LoopbackPeerTest}, {@link BouncyCastleSubsetTest} (which also checks that the
 * bundle-like loader never defines a BouncyCastle class itself).
 */
class DtlsClassesTest {
    private static final String PROTOCOL = "org.bouncycastle.tls.DTLSServerProtocol";

    @Test
    void theHandshakeAndBouncyCastleAreDefinedByTheirOwnLoaderAndUnloadedAfterTheGrace() throws Exception {
        DtlsClasses classes = new DtlsClasses(DtlsClassesTest.class.getClassLoader(), 100);
        // On a thread of its own that ends, as a session's handshake runs: run on the test's main thread, the
        // loader stayed reachable from that thread after the handshake.
        List<List<WeakReference<Object>>> result = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.add(failedHandshake(classes));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "test-dtls-handshake");
        thread.start();
        thread.join(30_000);
        assertNull(failure.get());
        List<WeakReference<Object>> used = result.get(0);
        classes.release();
        assertTrue(classes.loaded(), "kept through the grace");

        Await.until("the classes dropped after the grace", () -> !classes.loaded() && classes.releases() == 1);
        Await.until("the DTLS loader and BouncyCastle's classes unloaded", () -> {
            System.gc();
            return used.stream().allMatch(ref -> ref.get() == null);
        });
        classes.close();
    }

    @Test
    void anIdentityMadeForALongLivedThreadDoesNotKeepTheClasses() throws Exception {
        // This test's thread stands for the HTTP thread that answers the first offer and lives on.
        DtlsClasses classes = new DtlsClasses(DtlsClassesTest.class.getClassLoader(), 100);
        DtlsHandshake handshake = classes.acquire();
        WeakReference<ClassLoader> loader = new WeakReference<>(handshake.getClass().getClassLoader());
        DtlsIdentity identity = classes.newIdentity();
        handshake = null;
        classes.release();
        assertEquals(32, identity.privateKey().length);
        assertTrue(identity.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        Await.until("the classes dropped after the grace", () -> !classes.loaded() && classes.releases() == 1);
        Await.until("the DTLS loader unloaded while the thread that asked for the identity lives on", () -> {
            System.gc();
            return loader.get() == null;
        });
        classes.close();
    }

    /**
     * A handshake whose channel is closed: it fails at its first receive, with BouncyCastle's protocol
     * loaded. Gives weak references to the DTLS loader and that class (no strong one stays on this stack).
     */
    private static List<WeakReference<Object>> failedHandshake(DtlsClasses classes) throws Exception {
        DtlsHandshake handshake = classes.acquire();
        ClassLoader loader = handshake.getClass().getClassLoader();
        assertTrue(loader instanceof DtlsClassLoader, "defined by " + loader);
        assertEquals(DtlsClasses.IMPLEMENTATION, handshake.getClass().getName());
        DtlsChannel closed = new DtlsChannel(null);
        closed.close();
        assertThrows(IOException.class, () -> handshake.accept(Identities.generate(), new byte[32], closed));
        Class<?> protocol = Class.forName(PROTOCOL, false, loader);
        assertSame(loader, protocol.getClassLoader(), "BouncyCastle is defined by the DTLS loader");
        assertNotSame(protocol, Class.forName(PROTOCOL, false, DtlsClassesTest.class.getClassLoader()));
        return List.of(new WeakReference<>(loader), new WeakReference<>(protocol));
    }

    /**
     * A whole handshake through the classes with a peer that offers P-256 and presents a P-256 certificate
     * (as browsers do): BouncyCastle's named-curve table (a class for each of its curves) and its public-key
     * factory (one for each key type) are not loaded, since {@code internal.dtls.P256} makes the curve.
     */
    @Test
    void aHandshakeOnP256LoadsNeitherTheNamedCurveTableNorThePublicKeyFactory() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DtlsClasses classes = new DtlsClasses(DtlsClassesTest.class.getClassLoader(), 60_000);
                DatagramChannel server = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
                DatagramSocket client = new DatagramSocket(0, loopback)) {
            DtlsIdentity serverIdentity = classes.newIdentity();
            DtlsIdentity clientIdentity = Identities.generate();
            DtlsChannel channel = new DtlsChannel(server);
            channel.peer((InetSocketAddress) client.getLocalSocketAddress());
            client.connect(server.getLocalAddress());
            Thread pump = new Thread(() -> {
                ByteBuffer datagram = ByteBuffer.allocate(1500);
                try {
                    while (true) {
                        datagram.clear();
                        server.receive(datagram);
                        channel.offer(datagram.array(), datagram.position());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "test-dtls-pump");
            pump.start();
            FutureTask<DtlsHandshake.Keys> accept = new FutureTask<>(
                    () -> classes.accept(serverIdentity, DtlsIdentity.sha256(clientIdentity.certificateDer()), channel));
            new Thread(accept, "test-dtls-accept").start();
            byte[] keys = DtlsTestPeer.connect(client, clientIdentity, serverIdentity.fingerprint());
            assertArrayEquals(keys, accept.get(30, TimeUnit.SECONDS).keyingMaterial(),
                    "both sides export the same SRTP keys");
            DtlsHandshake handshake = classes.acquire();
            DtlsClassLoader loader = (DtlsClassLoader) handshake.getClass().getClassLoader();
            classes.release();
            assertTrue(loader.hasDefined(PROTOCOL), "the handshake ran on these classes");
            assertTrue(loader.hasDefined("org.bouncycastle.math.ec.custom.sec.SecP256R1Curve"));
            assertFalse(loader.hasDefined("org.bouncycastle.crypto.ec.CustomNamedCurves"));
            assertFalse(loader.hasDefined("org.bouncycastle.math.ec.custom.sec.SecP384R1Curve"));
            assertFalse(loader.hasDefined("org.bouncycastle.crypto.util.PublicKeyFactory"));
            channel.close();
        }
    }

    @Test
    void aHandshakeWithinTheGraceReusesTheClassesAndOneAfterItLoadsThemAgain() throws Exception {
        try (DtlsClasses classes = new DtlsClasses(DtlsClassesTest.class.getClassLoader(), 60_000)) {
            DtlsHandshake first = classes.acquire();
            DtlsHandshake concurrent = classes.acquire();
            assertSame(first, concurrent, "handshakes at the same time share the classes");
            classes.release();
            classes.release();
            assertSame(first, classes.acquire(), "a handshake within the grace reuses them");
            classes.release();
            assertEquals(0, classes.releases());
        }
        try (DtlsClasses classes = new DtlsClasses(DtlsClassesTest.class.getClassLoader(), 0)) {
            DtlsHandshake first = classes.acquire();
            ClassLoader firstLoader = first.getClass().getClassLoader();
            classes.release();
            Await.until("dropped at once with no grace", () -> classes.releases() == 1);
            DtlsHandshake second = classes.acquire();
            assertNotSame(firstLoader, second.getClass().getClassLoader(), "loaded again by a new loader");
            classes.release();
        }
    }

    @Test
    void closingEndsTheWaitAndRefusesFurtherHandshakes() throws Exception {
        DtlsClasses classes = new DtlsClasses(DtlsClassesTest.class.getClassLoader(), 60_000);
        classes.acquire();
        classes.release();
        Await.until("the release thread waits out the grace", () -> releaseThreadAlive());
        classes.close();
        assertFalse(releaseThreadAlive(), "no thread outlives close()");
        assertFalse(classes.loaded());
        assertThrows(IOException.class, classes::acquire);
        assertThrows(IllegalStateException.class, classes::release, "a release without an acquire is a bug");
    }

    private static boolean releaseThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("webrtc-dtls-release"));
    }
}
