package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.cubekvm.testsupport.Await;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The webrtc bundle is hot-swappable: stopping it ends its sessions, its threads and its UDP port
 * while MJPEG keeps streaming; starting or updating it brings WHEP back with a fresh port.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebRtcIT extends PlatformTest {
    private static final String FP = "sha-256 0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9";
    private static final String OFFER = String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
            "a=group:BUNDLE 0", "m=video 9 UDP/TLS/RTP/SAVPF 102", "c=IN IP4 0.0.0.0", "a=ice-ufrag:Ab3d",
            "a=ice-pwd:0123456789abcdefghijklmn", "a=fingerprint:" + FP, "a=setup:actpass", "a=mid:0", "a=recvonly",
            "a=rtcp-mux", "a=rtpmap:102 H264/90000",
            "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", "");

    /**
     * Any free media port instead of the default 8189: other platforms on the same host (another
     * test run, a benchmark) may hold 8189 on 127.0.0.1, and then WHEP answers 503.
     */
    @Before
    public void webrtcIsUpOnAFreePort() throws IOException {
        Configuration config = context.getService(context.getServiceReference(ConfigurationAdmin.class))
                .getConfiguration("org.cubekvm.webrtc", "?");
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
        if (!Integer.valueOf(0).equals(properties.get("udpPort"))) {
            properties.put("udpPort", 0);
            config.update(properties);
        }
        http.await("/api/webrtc/stats", r -> r.status() == 200 && r.object().get("udpPort").getAsInt() > 0
                && r.object().get("udpPort").getAsInt() != 8189, "the WebRTC servlet on a free media port");
    }

    @Test
    public void stoppingEndsSessionsThreadsAndPortWhileMjpegKeepsStreamingAndStartOrUpdateBringsItBack() throws Exception {
        Bundle webrtc = Platform.bySymbolicName(context, "org.cubekvm.webrtc");
        assertNotNull("org.cubekvm.webrtc is not installed", webrtc);
        String api = "/api/platform/bundles/" + webrtc.getBundleId();
        HttpResponse<String> created = http.postRaw("/api/webrtc/whep", "application/sdp", OFFER);
        assertEquals("POST /api/webrtc/whep: " + created.body(), 201, created.statusCode());
        assertTrue(created.headers().firstValue("Location").orElse("").startsWith("/api/webrtc/whep/"));
        assertTrue(created.body(), created.body().contains("a=ice-lite\r\n"));
        int udpPort = http.get("/api/webrtc/stats").object().get("udpPort").getAsInt();
        assertEquals(1, http.get("/api/webrtc/stats").object().get("sessions").getAsInt());
        // The session's DTLS thread starts with the offer, once the answer is out (it loads the TLS classes
        // while ICE runs): awaited, since the answer can arrive here first.
        String session = created.headers().firstValue("Location").orElseThrow().substring("/api/webrtc/whep/".length());
        awaitThreads(List.of("webrtc-dtls-" + session.substring(0, 8), "webrtc-receive", "webrtc-sender"));
        assertFalse("the media port is in use while the bundle runs", portFree(udpPort));
        try (MultipartReader mjpeg = new MultipartReader(http.openStream("/api/stream/mjpeg"))) {
            assertNotNull(mjpeg.next());
            Http.Response stopped = http.post(api + "/stop");
            assertEquals("POST " + api + "/stop: " + stopped, 200, stopped.status());
            http.await("/api/webrtc/stats", r -> r.status() == 404, "the WebRTC servlet gone");
            assertEquals("no WebRTC thread outlives the bundle", List.of(), webrtcThreads());
            assertTrue("the media port was released", portFree(udpPort));
            long seq = mjpeg.next().seq();
            assertTrue("MJPEG keeps streaming", mjpeg.next().seq() > seq);
        } finally {
            if (webrtc.getState() != Bundle.ACTIVE) {
                http.post(api + "/start");
            }
        }
        http.await("/api/webrtc/stats", r -> r.status() == 200, "the WebRTC servlet back");
        assertEquals(0, http.get("/api/webrtc/stats").object().get("sessions").getAsInt());
        assertEquals(201, http.postRaw("/api/webrtc/whep", "application/sdp", OFFER).statusCode());

        webrtc.update();
        http.await("/api/webrtc/stats", r -> r.status() == 200 && r.object().get("sessions").getAsInt() == 0,
                "the updated WebRTC servlet with no sessions");
        // An unused WebRTC runs no thread; the first offer starts one receive and one sender thread (not two of each).
        assertEquals("no WebRTC thread before a session after the update", List.of(), webrtcThreads());
        HttpResponse<String> again = http.postRaw("/api/webrtc/whep", "application/sdp", OFFER);
        assertEquals(201, again.statusCode());
        String second = again.headers().firstValue("Location").orElseThrow().substring("/api/webrtc/whep/".length());
        awaitThreads(List.of("webrtc-dtls-" + second.substring(0, 8), "webrtc-receive", "webrtc-sender"));
        assertEquals(200, http.get("/api/video/status").status());
        assertEquals(200, http.delete("/api/webrtc/whep/" + second).status());
    }

    /**
     * BouncyCastle's DTLS classes are loaded for handshakes only: a session's handshake loads them in
     * the bundle, and once the last handshake has ended (here the session is deleted before any peer
     * answered) they are dropped after the grace and unloaded by the JVM.
     */
    @Test
    public void theDtlsClassesAreUnloadedAfterTheLastHandshakeEnded() throws Exception {
        // No other session's handshake holds the classes (the other test deletes its sessions).
        long releasedBefore = http.await("/api/webrtc/stats", r -> r.object().get("sessions").getAsInt() == 0,
                "no WebRTC session").object().get("dtlsClassesReleased").getAsLong();
        long unloadedBefore = ManagementFactory.getClassLoadingMXBean().getUnloadedClassCount();
        HttpResponse<String> created = http.postRaw("/api/webrtc/whep", "application/sdp", OFFER);
        assertEquals("POST /api/webrtc/whep: " + created.body(), 201, created.statusCode());
        String location = created.headers().firstValue("Location").orElseThrow();
        http.await("/api/webrtc/stats", r -> r.object().get("dtlsClassesLoaded").getAsBoolean(),
                "the DTLS classes loaded for the session's handshake");
        Http.Response deleted = http.delete(location);
        assertTrue("DELETE " + location + ": " + deleted, deleted.status() == 200 || deleted.status() == 204);
        http.await("/api/webrtc/stats", r -> !r.object().get("dtlsClassesLoaded").getAsBoolean()
                && r.object().get("dtlsClassesReleased").getAsLong() == releasedBefore + 1, "the DTLS classes released");
        long unloaded = ManagementFactory.getClassLoadingMXBean().getUnloadedClassCount() - unloadedBefore;
        assertTrue("BouncyCastle's handshake classes were unloaded, " + unloaded + " classes", unloaded >= 50);
    }

    /** Waits until the webrtc bundle's live threads are exactly {@code expected} (sorted names). */
    private static void awaitThreads(List<String> expected) {
        Await.until("the WebRTC threads " + expected + " (now " + webrtcThreads() + ")", Http.DEADLINE,
                () -> webrtcThreads().equals(expected));
    }

    /** Names of the live threads of the webrtc bundle (a DTLS thread per session, from its offer on), sorted. */
    private static List<String> webrtcThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("webrtc-")).sorted().toList();
    }

    private static boolean portFree(int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(PlatformOptions.HOST), port))) {
            return true;
        } catch (SocketException e) {
            return false;
        }
    }
}
