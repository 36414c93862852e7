package org.cubekvm.webrtc.internal;

import java.util.List;

/** The SDP answer to a {@link SdpOffer}: ICE-lite, DTLS passive, send-only H.264, one host candidate per address. */
final class SdpAnswer {
    private SdpAnswer() {
    }

    /**
     * @param candidates host addresses (literal IPs) to offer, in order of preference
     * @param port       the media port
     */
    static String build(SdpOffer offer, String ufrag, String pwd, String fingerprint, int ssrc, List<String> candidates,
            int port, long sessionId) {
        StringBuilder sdp = new StringBuilder(1024);
        line(sdp, "v=0");
        line(sdp, "o=cubekvm " + sessionId + " 1 IN IP4 0.0.0.0");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        line(sdp, "a=ice-lite");
        line(sdp, "a=group:BUNDLE " + offer.mid());
        line(sdp, "a=msid-semantic: WMS cubekvm");
        List<SdpOffer.Section> sections = offer.sections();
        for (int i = 0; i < sections.size(); i++) {
            SdpOffer.Section section = sections.get(i);
            if (i != offer.videoIndex()) {
                // Not served (audio, data, a second video): rejected with port 0.
                line(sdp, "m=" + section.media() + " 0 " + section.proto() + " " + section.formats());
                line(sdp, "c=IN IP4 0.0.0.0");
                if (section.mid() != null) {
                    line(sdp, "a=mid:" + section.mid());
                }
                line(sdp, "a=inactive");
                continue;
            }
            int pt = offer.payloadType();
            line(sdp, "m=video " + port + " UDP/TLS/RTP/SAVPF " + pt);
            line(sdp, "c=IN IP4 0.0.0.0");
            line(sdp, "a=mid:" + offer.mid());
            line(sdp, "a=ice-ufrag:" + ufrag);
            line(sdp, "a=ice-pwd:" + pwd);
            line(sdp, "a=fingerprint:sha-256 " + fingerprint);
            line(sdp, "a=setup:passive");
            line(sdp, "a=sendonly");
            line(sdp, "a=rtcp-mux");
            line(sdp, "a=rtcp-rsize");
            line(sdp, "a=rtpmap:" + pt + " H264/90000");
            if (offer.fmtp() != null) {
                line(sdp, "a=fmtp:" + pt + " " + offer.fmtp());
            }
            line(sdp, "a=rtcp-fb:" + pt + " nack");
            line(sdp, "a=rtcp-fb:" + pt + " nack pli");
            line(sdp, "a=rtcp-fb:" + pt + " ccm fir");
            line(sdp, "a=rtcp-fb:" + pt + " goog-remb"); // the browser's receive-side estimate, for FeedbackBitrate
            if (offer.playoutDelayId() > 0) {
                line(sdp, "a=extmap:" + offer.playoutDelayId() + " " + SdpOffer.PLAYOUT_DELAY_URI);
            }
            line(sdp, "a=msid:cubekvm video");
            line(sdp, "a=ssrc:" + Integer.toUnsignedString(ssrc) + " cname:cubekvm");
            int foundation = 1;
            for (String address : candidates) {
                long priority = (126L << 24) | ((65535L - foundation) << 8) | 255;
                line(sdp, "a=candidate:" + foundation + " 1 udp " + priority + " " + address + " " + port + " typ host");
                foundation++;
            }
            line(sdp, "a=end-of-candidates");
        }
        return sdp.toString();
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append("\r\n");
    }
}
