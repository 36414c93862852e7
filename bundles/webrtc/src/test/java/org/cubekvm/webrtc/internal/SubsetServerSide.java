package org.cubekvm.webrtc.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The server side of a WHEP session (media port, sender, session) for {@link BouncyCastleSubsetTest},
 * loaded there by a class loader that sees BouncyCastle only through the bundle's
 * {@code lib/bc-dtls.jar}. It speaks to the test through JDK types only: {@link #apply} takes the
 * offer and gives the answer, {@link #getAsBoolean} says whether DTLS-SRTP is up, {@link #run} sends a
 * key frame. References no BouncyCastle class itself.
 */
public final class SubsetServerSide implements Function<String, String>, BooleanSupplier, Runnable, AutoCloseable {
    private final WebRtcStats stats = new WebRtcStats();
    private final DtlsClasses dtlsClasses = DtlsClasses.withDefaultGrace();
    private final DtlsIdentity identity;
    private final MediaPort port;
    private final RtpSender sender = new RtpSender();
    private final FakeStream stream = new FakeStream();
    private WebRtcSession session;

    public SubsetServerSide() throws java.io.IOException {
        identity = dtlsClasses.newIdentity(); // the key and certificate made with the subset too
        port = new MediaPort(InetAddress.getLoopbackAddress(), 0, stats);
    }

    @Override
    public String apply(String offerText) {
        SdpOffer offer;
        try {
            offer = SdpOffer.parse(offerText);
        } catch (SdpOffer.OfferException e) {
            throw new IllegalArgumentException("the viewer's offer: " + e.getMessage(), e);
        }
        session = new WebRtcSession("0123456789abcdef", "tester", offer, "srvu", "server-password-0123456789",
                0x11223344, port.socket(), identity, dtlsClasses, stats, sender::wake);
        session.attach(stream);
        port.add(session);
        sender.add(session);
        return SdpAnswer.build(offer, "srvu", "server-password-0123456789", identity.fingerprint(), 0x11223344,
                List.of("127.0.0.1"), port.port(), 1);
    }

    @Override
    public boolean getAsBoolean() {
        return session != null && session.ready();
    }

    @Override
    public void run() {
        stream.push(H264PacketizerTest.annexB(H264PacketizerTest.nal(0x67, 10), H264PacketizerTest.nal(0x68, 4),
                H264PacketizerTest.nal(0x65, 3000)).array(), true);
        session.frameAvailable(stream);
    }

    @Override
    public void close() {
        if (session != null) {
            session.close("test over");
        }
        sender.close();
        port.close();
        dtlsClasses.close();
    }
}
