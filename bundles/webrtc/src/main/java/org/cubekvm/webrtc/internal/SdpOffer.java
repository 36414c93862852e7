package org.cubekvm.webrtc.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the server needs from a WHEP offer (RFC 8866 SDP, JSEP): the peer's ICE credentials and
 * DTLS fingerprint, the bundled video section with an H.264 payload type in packetization mode 1,
 * and the id of the playout-delay header extension. Anything we cannot serve is refused with a
 * message naming it ({@link OfferException}).
 *
 * @param iceUfrag          the peer's ice-ufrag
 * @param icePwd            the peer's ice-pwd
 * @param fingerprint       the peer's certificate SHA-256 fingerprint (32 bytes)
 * @param videoIndex        index of the answered video section in {@link #sections()}
 * @param mid               the video section's mid
 * @param payloadType       the chosen H.264 payload type
 * @param fmtp              its fmtp parameters, echoed in the answer
 * @param playoutDelayId    the playout-delay extension id, 0 when not offered
 * @param sections          every m= line (media, proto, formats, mid), to answer each one
 */
record SdpOffer(String iceUfrag, String icePwd, byte[] fingerprint, int videoIndex, String mid, int payloadType,
        String fmtp, int playoutDelayId, List<Section> sections) {
    static final int MAX_BYTES = 64 * 1024;
    static final String PLAYOUT_DELAY_URI = "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay";

    /** One m= section: {@code m=<media> <port> <proto> <formats>} and its mid. */
    record Section(String media, String proto, String formats, String mid) {
    }

    /** A refused offer; the message names what is wrong. */
    static final class OfferException extends Exception {
        private static final long serialVersionUID = 1L;

        OfferException(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Media {
        String media;
        String proto;
        String formats;
        String mid;
        String ufrag;
        String pwd;
        String fingerprint;
        String direction = "sendrecv";
        boolean rtcpMux;
        boolean rejected;
        final Map<Integer, String> rtpmap = new HashMap<>();
        final Map<Integer, String> fmtp = new HashMap<>();
        int playoutDelayId;
    }

    static SdpOffer parse(String sdp) throws OfferException {
        if (sdp == null || sdp.isBlank()) {
            throw new OfferException("The body must be an SDP offer (Content-Type: application/sdp); it was empty");
        }
        if (sdp.length() > MAX_BYTES) {
            throw new OfferException("The SDP offer is longer than " + MAX_BYTES + " bytes");
        }
        String[] lines = sdp.split("\r?\n");
        if (!lines[0].startsWith("v=0")) {
            throw new OfferException("The body is not an SDP offer: it must start with v=0");
        }
        String sessionUfrag = null;
        String sessionPwd = null;
        String sessionFingerprint = null;
        List<String> bundle = List.of();
        List<Media> media = new ArrayList<>();
        Media current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            if (line.startsWith("m=")) {
                String[] parts = line.substring(2).split(" ", 4);
                if (parts.length < 4) {
                    throw new OfferException("The m= line '" + shorten(line) + "' is malformed");
                }
                current = new Media();
                current.media = parts[0];
                current.rejected = "0".equals(parts[1]);
                current.proto = parts[2];
                current.formats = parts[3];
                media.add(current);
                continue;
            }
            if (!line.startsWith("a=")) {
                continue;
            }
            String attr = line.substring(2);
            String name = attr.contains(":") ? attr.substring(0, attr.indexOf(':')) : attr;
            String value = attr.contains(":") ? attr.substring(attr.indexOf(':') + 1) : "";
            switch (name) {
                case "group" -> {
                    if (value.startsWith("BUNDLE")) {
                        bundle = List.of(value.substring(6).trim().split("\\s+"));
                    }
                }
                case "ice-ufrag" -> {
                    if (current == null) {
                        sessionUfrag = value;
                    } else {
                        current.ufrag = value;
                    }
                }
                case "ice-pwd" -> {
                    if (current == null) {
                        sessionPwd = value;
                    } else {
                        current.pwd = value;
                    }
                }
                case "fingerprint" -> {
                    if (current == null) {
                        sessionFingerprint = value;
                    } else {
                        current.fingerprint = value;
                    }
                }
                default -> {
                    if (current != null) {
                        media(current, name, value);
                    }
                }
            }
        }
        int videoIndex = -1;
        for (int i = 0; i < media.size(); i++) {
            if ("video".equals(media.get(i).media) && !media.get(i).rejected) {
                videoIndex = i;
                break;
            }
        }
        if (videoIndex < 0) {
            throw new OfferException("The offer has no video section (m=video) to receive the stream on");
        }
        Media video = media.get(videoIndex);
        if (!video.proto.contains("SAVPF") || !video.proto.startsWith("UDP/TLS/RTP")) {
            throw new OfferException("The video section's protocol must be UDP/TLS/RTP/SAVPF (DTLS-SRTP), was " + shorten(video.proto));
        }
        if (video.mid == null || !bundle.contains(video.mid)) {
            throw new OfferException("The offer must bundle its video section (a=group:BUNDLE with the video's a=mid)");
        }
        if (!video.rtcpMux) {
            throw new OfferException("The video section must offer a=rtcp-mux (RTP and RTCP on one port)");
        }
        if (!("recvonly".equals(video.direction) || "sendrecv".equals(video.direction))) {
            throw new OfferException("The video section must be recvonly (or sendrecv), was " + video.direction);
        }
        String ufrag = video.ufrag != null ? video.ufrag : sessionUfrag;
        String pwd = video.pwd != null ? video.pwd : sessionPwd;
        if (ufrag == null || pwd == null || ufrag.isEmpty() || pwd.isEmpty()) {
            throw new OfferException("The offer has no ICE credentials (a=ice-ufrag and a=ice-pwd)");
        }
        if (ufrag.length() > 256 || pwd.length() > 256) {
            throw new OfferException("The offer's ICE credentials are longer than 256 characters");
        }
        String fingerprint = video.fingerprint != null ? video.fingerprint : sessionFingerprint;
        if (fingerprint == null) {
            throw new OfferException("The offer has no DTLS certificate fingerprint (a=fingerprint:sha-256 …)");
        }
        byte[] digest = sha256(fingerprint);
        int chosen = -1;
        int rank = Integer.MAX_VALUE;
        for (Map.Entry<Integer, String> entry : video.rtpmap.entrySet()) {
            if (!entry.getValue().toUpperCase(Locale.ROOT).startsWith("H264/90000")) {
                continue;
            }
            String params = video.fmtp.getOrDefault(entry.getKey(), "").toLowerCase(Locale.ROOT);
            if (!params.contains("packetization-mode=1")) {
                continue;
            }
            // Constrained Baseline (what the encoder makes) first, then any other profile.
            int r = params.contains("profile-level-id=42e0") ? 0 : params.contains("profile-level-id=4200") ? 1 : 2;
            if (r < rank || (r == rank && entry.getKey() < chosen)) {
                rank = r;
                chosen = entry.getKey();
            }
        }
        if (chosen < 0) {
            throw new OfferException("The video section offers no H.264 payload type with packetization-mode=1");
        }
        List<Section> sections = new ArrayList<>();
        for (Media m : media) {
            sections.add(new Section(m.media, m.proto, m.formats, m.mid));
        }
        return new SdpOffer(ufrag, pwd, digest, videoIndex, video.mid, chosen, video.fmtp.get(chosen),
                video.playoutDelayId, List.copyOf(sections));
    }

    private static void media(Media m, String name, String value) throws OfferException {
        switch (name) {
            case "mid" -> m.mid = value;
            case "rtcp-mux" -> m.rtcpMux = true;
            case "sendrecv", "sendonly", "recvonly", "inactive" -> m.direction = name;
            case "rtpmap" -> {
                int space = value.indexOf(' ');
                Integer pt = payloadType(space > 0 ? value.substring(0, space) : value);
                if (pt != null && space > 0) {
                    m.rtpmap.put(pt, value.substring(space + 1).trim());
                }
            }
            case "fmtp" -> {
                int space = value.indexOf(' ');
                Integer pt = payloadType(space > 0 ? value.substring(0, space) : value);
                if (pt != null && space > 0) {
                    m.fmtp.put(pt, value.substring(space + 1).trim());
                }
            }
            case "extmap" -> {
                String[] parts = value.split("\\s+");
                if (parts.length >= 2 && PLAYOUT_DELAY_URI.equals(parts[1])) {
                    String id = parts[0].contains("/") ? parts[0].substring(0, parts[0].indexOf('/')) : parts[0];
                    try {
                        int n = Integer.parseInt(id);
                        if (n >= 1 && n <= 14) {
                            m.playoutDelayId = n;
                        }
                    } catch (NumberFormatException e) {
                        throw new OfferException("The extmap id '" + shorten(id) + "' is not a number");
                    }
                }
            }
            default -> {
                // not needed by a send-only ICE-lite peer
            }
        }
    }

    private static Integer payloadType(String s) {
        try {
            int pt = Integer.parseInt(s.trim());
            return pt >= 0 && pt <= 127 ? pt : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] sha256(String fingerprint) throws OfferException {
        String[] parts = fingerprint.trim().split("\\s+");
        if (parts.length != 2 || !"sha-256".equalsIgnoreCase(parts[0])) {
            throw new OfferException("The DTLS fingerprint must be sha-256, was '" + shorten(fingerprint) + "'");
        }
        String[] octets = parts[1].split(":");
        if (octets.length != 32) {
            throw new OfferException("The sha-256 fingerprint must have 32 octets, had " + octets.length);
        }
        byte[] digest = new byte[32];
        for (int i = 0; i < 32; i++) {
            try {
                if (octets[i].length() != 2) {
                    throw new NumberFormatException();
                }
                digest[i] = (byte) Integer.parseInt(octets[i], 16);
            } catch (NumberFormatException e) {
                throw new OfferException("The fingerprint octet '" + shorten(octets[i]) + "' is not hexadecimal");
            }
        }
        return digest;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
