package org.cubekvm.webrtc.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Not a test (the name matches no surefire pattern, so {@code mvn test} never runs it):
 * {@code ./cubekvm bench webrtc} runs it with {@code -Dtest=WebRtcBenchmark} and the device's JVM
 * options. Measures SRTP protection per MB (this bundle's AES-CM + HMAC-SHA1-80 and AES-GCM, and JCA's
 * AES-GCM with a Cipher.init per packet for comparison), DTLS-SRTP handshakes against a Java peer
 * on 127.0.0.1, and PLI → key frame request inside the server. Writes JSON to
 * {@code -Dwebrtc.bench.out}.
 */
class WebRtcBenchmark {
    private static final int PAYLOAD = 1178; // 12-byte header + payload + 10-byte tag = 1200

    @Test
    void run() throws Exception {
        long identityStarted = System.nanoTime();
        try (DtlsClasses cold = new DtlsClasses(WebRtcBenchmark.class.getClassLoader(), 600_000)) {
            cold.newIdentity(); // the first offer's cost: the DTLS classes loaded, the key made
        }
        double identityMillis = (System.nanoTime() - identityStarted) / 1e6;
        double cmMicrosPerMb = srtp(new SrtpContext(new byte[16], new byte[14]), 10);
        double ourGcmMicrosPerMb = srtp(new SrtpGcmContext(new byte[16], new byte[12], new byte[16], new byte[12]), 16);
        double gcmMicrosPerMb = jcaGcm();
        List<Long> handshakes = new ArrayList<>();
        List<Long> pli = new ArrayList<>();
        // Within the grace every session's handshake shares the DTLS classes, as sessions do in the bundle.
        try (DtlsClasses shared = new DtlsClasses(WebRtcBenchmark.class.getClassLoader(), 600_000)) {
            handshakesAndPli(Integer.getInteger("webrtc.bench.handshakes", 20), shared, handshakes, pli);
        }
        // A handshake after the classes were released: BouncyCastle's classes loaded again (the JDK's stay warm).
        List<Long> reloaded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            try (DtlsClasses fresh = new DtlsClasses(WebRtcBenchmark.class.getClassLoader(), 600_000)) {
                handshakesAndPli(1, fresh, reloaded, new ArrayList<>());
            }
        }
        String json = String.format(Locale.ROOT, "{\"jvm\":\"%s\",\"srtpAesCmHmacSha1MicrosPerMB\":%.0f,"
                + "\"srtpAesGcmMicrosPerMB\":%.0f,\"jcaAesGcmMicrosPerMB\":%.0f,\"dtlsIdentityColdMillis\":%.1f,"
                + "\"dtlsHandshakeMillis\":{\"first\":%.1f,\"p50\":%.1f,\"p99\":%.1f,\"n\":%d},"
                + "\"dtlsHandshakeClassesReloadedMillis\":{\"p50\":%.1f,\"max\":%.1f,\"n\":%d},"
                + "\"pliToKeyFrameRequestMicros\":{\"p50\":%d,\"p99\":%d,\"n\":%d}}",
                String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()).replace("\"", ""),
                cmMicrosPerMb, ourGcmMicrosPerMb, gcmMicrosPerMb, identityMillis,
                handshakes.isEmpty() ? Double.NaN : handshakes.get(0) / 1000.0,
                percentile(handshakes, 50) / 1000.0, percentile(handshakes, 99) / 1000.0, handshakes.size(),
                percentile(reloaded, 50) / 1000.0, percentile(reloaded, 100) / 1000.0, reloaded.size(), percentile(pli, 50), percentile(pli, 99), pli.size());
        System.out.println("WEBRTC-BENCH " + json);
        String out = System.getProperty("webrtc.bench.out");
        if (out != null) {
            Files.writeString(Path.of(out), json + "\n");
        }
    }

    /** µs of CPU per MB of RTP payload protected with one of this bundle's SRTP profiles (packets of 1200 bytes with the tag). */
    private static double srtp(SrtpTransform srtp, int tag) {
        final int payload = 1200 - 12 - tag;
        byte[] packet = new byte[1500];
        packet[0] = (byte) 0x80;
        long bytes = 0;
        long end = System.nanoTime() + 2_000_000_000L; // warm up
        for (int seq = 0; System.nanoTime() < end; seq++) {
            Stun.putUint16(packet, 2, seq);
            srtp.protectRtp(packet, 12 + payload, 0);
        }
        long start = System.nanoTime();
        end = start + 3_000_000_000L;
        long now;
        int seq = 0;
        do {
            for (int i = 0; i < 100; i++) {
                Stun.putUint16(packet, 2, seq++);
                srtp.protectRtp(packet, 12 + payload, 0);
                bytes += payload;
            }
            now = System.nanoTime();
        } while (now < end);
        return (now - start) / 1000.0 / (bytes / 1_000_000.0);
    }

    /** The same with JCA AES-128-GCM (RFC 7714 shape: 12-byte AAD header, 16-byte tag, a new IV per packet). */
    private static double jcaGcm() throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
        byte[] iv = new byte[12];
        byte[] in = new byte[12 + PAYLOAD];
        byte[] out = new byte[1500];
        long bytes = 0;
        long start = 0;
        long stop = System.nanoTime() + 5_000_000_000L;
        long measureFrom = System.nanoTime() + 2_000_000_000L;
        long now;
        int seq = 0;
        do {
            for (int i = 0; i < 100; i++) {
                iv[11] = (byte) seq;
                iv[10] = (byte) (seq++ >>> 8);
                gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
                gcm.updateAAD(in, 0, 12);
                gcm.doFinal(in, 12, PAYLOAD, out, 12);
                if (start > 0) {
                    bytes += PAYLOAD;
                }
            }
            now = System.nanoTime();
            if (start == 0 && now > measureFrom) {
                start = now;
            }
        } while (now < stop);
        return (now - start) / 1000.0 / (bytes / 1_000_000.0);
    }

    private static void handshakesAndPli(int count, DtlsClasses classes, List<Long> handshakes, List<Long> pli) throws Exception {
        WebRtcStats stats = new WebRtcStats();
        DtlsIdentity server = Identities.generate();
        DtlsIdentity client = Identities.generate();
        try (MediaPort port = new MediaPort(InetAddress.getLoopbackAddress(), 0, stats); RtpSender sender = new RtpSender()) {
            for (int i = 0; i < count; i++) {
                try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.port()));
                    String ufrag = String.format(Locale.ROOT, "b%03d", i);
                    String offer = SdpOfferTest.chromeOffer().replace(SdpOfferTest.FP, "sha-256 " + client.fingerprint());
                    long[] requested = new long[1];
                    FakeStream stream = new FakeStream() {
                        @Override
                        public void requestKeyFrame() {
                            requested[0] = System.nanoTime();
                            super.requestKeyFrame();
                        }
                    };
                    WebRtcSession session = new WebRtcSession("bench" + i + "0000000000", "bench", SdpOffer.parse(offer), ufrag,
                            "bench-password-0123456789", 0x1000 + i, port.socket(), server, classes, stats, sender::wake);
                    session.attach(stream);
                    port.add(session);
                    sender.add(session);
                    byte[] check = TestStun.bindingRequest(ufrag + ":peer", "bench-password-0123456789");
                    socket.send(new DatagramPacket(check, check.length));
                    socket.setSoTimeout(10_000);
                    socket.receive(new DatagramPacket(new byte[1500], 1500));
                    socket.setSoTimeout(0);
                    byte[] keys = DtlsTestPeer.connect(socket, client, server.fingerprint());
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (!session.ready() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    handshakes.add(session.handshakeMicros());
                    SrtpTransform toServer = session.profile().fromKeyingMaterial(keys)[0];
                    for (int p = 0; p < 10; p++) {
                        requested[0] = 0;
                        byte[] packet = new byte[12 + SrtpTransform.MAX_RTCP_OVERHEAD];
                        System.arraycopy(HexFormat.of().parseHex("81ce0002" + "00000001"), 0, packet, 0, 8);
                        Stun.putInt32(packet, 8, 0x1000 + i);
                        int length = toServer.protectRtcp(packet, 12);
                        long sent = System.nanoTime();
                        socket.send(new DatagramPacket(packet, length));
                        deadline = sent + 5_000_000_000L;
                        while (requested[0] == 0 && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                        }
                        if (requested[0] != 0) {
                            pli.add((requested[0] - sent) / 1000);
                        }
                    }
                    session.close("benchmark");
                } catch (IOException e) {
                    System.out.println("WEBRTC-BENCH handshake " + i + " failed: " + e);
                }
            }
        }
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
