package org.cubekvm.webrtc.internal;

/** A Chromium recvonly offer, shared by the offer tests and the Java test peers. */
final class ChromeOffer {
    static final String FP = "sha-256 0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9";

    private ChromeOffer() {
    }

    /** The shape of a Chromium recvonly offer (trimmed). */
    static String text() {
        return String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "a=extmap-allow-mixed", "a=msid-semantic: WMS",
                "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:Ab3d", "a=ice-pwd:0123456789abcdefghijklmn", "a=ice-options:trickle",
                "a=fingerprint:" + FP, "a=setup:actpass", "a=mid:0",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:toffset",
                "a=extmap:6 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay",
                "a=recvonly", "a=rtcp-mux", "a=rtcp-rsize",
                "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack", "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96",
                "a=rtpmap:102 H264/90000",
                "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
                "a=rtpmap:103 rtx/90000", "a=fmtp:103 apt=102",
                "a=rtpmap:104 H264/90000",
                "a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f",
                "a=rtpmap:106 H264/90000",
                "a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
                "a=rtpmap:107 rtx/90000", "a=fmtp:107 apt=106", "") ;
    }
}
