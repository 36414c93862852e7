package org.cubekvm.webrtc.internal;

import java.nio.ByteBuffer;

/**
 * RTP payload format for H.264 (RFC 6184), non-interleaved mode: a NAL unit that fits goes as a
 * single NAL unit packet, a larger one as FU-A fragments; the marker bit is set on the last packet
 * of the access unit; an IDR picture is always preceded by SPS and PPS (the last ones seen, when
 * the access unit does not carry them). Works in preallocated buffers: one instance per sender
 * thread, nothing allocated per frame or packet (the frame buffer is made by the first frame and
 * only grows, to the largest frame seen: nothing while WebRTC is unused).
 */
final class H264Packetizer {
    /** Where packets go: {@code buf[0..payloadOffset)} is free for the RTP header. */
    interface Sink {
        void packet(byte[] buf, int payloadOffset, int payloadLength, boolean marker);
    }

    static final int MAX_NALS = 128;
    private static final int FU_A = 28;
    private final byte[] packet = new byte[1500];
    /** The smallest frame buffer: the virtual screen's and a quiet desktop's frames fit without growing. */
    static final int MIN_FRAME_BYTES = 16 * 1024;
    private byte[] frame = new byte[0];
    private final int[] nalStart = new int[MAX_NALS + 2];
    private final int[] nalEnd = new int[MAX_NALS + 2];
    private final byte[] sps = new byte[256];
    private int spsLength;
    private final byte[] pps = new byte[256];
    private int ppsLength;

    /**
     * Packetizes one Annex-B access unit.
     *
     * @param data          the frame (position..limit), not consumed
     * @param headerLength  bytes the sink needs in front of each payload (RTP header + extension)
     * @param maxPacket     the largest packet (header + payload) the sink may be given
     * @return the number of packets
     */
    int packetize(ByteBuffer data, int headerLength, int maxPacket, Sink sink) {
        int size = data.remaining();
        if (frame.length < size) {
            frame = new byte[Math.max(size, Math.max(MIN_FRAME_BYTES, frame.length * 2))];
        }
        data.get(data.position(), frame, 0, size);
        int count = split(frame, size);
        boolean haveSps = false;
        boolean havePps = false;
        for (int i = 0; i < count; i++) {
            int type = frame[nalStart[i]] & 0x1F;
            if (type == 7) {
                haveSps = true;
                spsLength = remember(nalStart[i], nalEnd[i], sps, spsLength);
            } else if (type == 8) {
                havePps = true;
                ppsLength = remember(nalStart[i], nalEnd[i], pps, ppsLength);
            }
        }
        int maxPayload = maxPacket - headerLength;
        int packets = 0;
        for (int i = 0; i < count; i++) {
            int start = nalStart[i];
            int length = nalEnd[i] - start;
            boolean last = i == count - 1;
            if ((frame[start] & 0x1F) == 5 && (!haveSps || !havePps)) {
                if (!haveSps && spsLength > 0) {
                    packets += emit(sps, 0, spsLength, headerLength, maxPayload, false, sink);
                }
                if (!havePps && ppsLength > 0) {
                    packets += emit(pps, 0, ppsLength, headerLength, maxPayload, false, sink);
                }
                haveSps = true;
                havePps = true;
            }
            packets += emit(frame, start, length, headerLength, maxPayload, last, sink);
        }
        return packets;
    }

    private int remember(int start, int end, byte[] into, int previous) {
        int length = end - start;
        if (length > into.length) {
            return previous;
        }
        System.arraycopy(frame, start, into, 0, length);
        return length;
    }

    private int emit(byte[] src, int start, int length, int headerLength, int maxPayload, boolean last, Sink sink) {
        if (length <= maxPayload) {
            System.arraycopy(src, start, packet, headerLength, length);
            sink.packet(packet, headerLength, length, last);
            return 1;
        }
        byte nalHeader = src[start];
        int type = nalHeader & 0x1F;
        int offset = start + 1;
        int remaining = length - 1;
        int chunk = maxPayload - 2;
        int packets = 0;
        boolean first = true;
        while (remaining > 0) {
            int n = Math.min(chunk, remaining);
            boolean end = n == remaining;
            packet[headerLength] = (byte) ((nalHeader & 0xE0) | FU_A);
            packet[headerLength + 1] = (byte) ((first ? 0x80 : 0) | (end ? 0x40 : 0) | type);
            System.arraycopy(src, offset, packet, headerLength + 2, n);
            sink.packet(packet, headerLength, n + 2, last && end);
            offset += n;
            remaining -= n;
            first = false;
            packets++;
        }
        return packets;
    }

    /** Finds the NAL units of an Annex-B stream: fills nalStart/nalEnd, returns their number. */
    int split(byte[] b, int size) {
        int count = 0;
        int i = 0;
        int start = -1;
        while (i + 2 < size) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                if (start >= 0 && count < MAX_NALS) {
                    int end = i;
                    while (end > start && b[end - 1] == 0) {
                        end--; // the zero of a four-byte start code (and trailing zeros)
                    }
                    if (end > start) {
                        nalStart[count] = start;
                        nalEnd[count] = end;
                        count++;
                    }
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < size && count < MAX_NALS) {
            nalStart[count] = start;
            nalEnd[count] = size;
            count++;
        }
        return count;
    }

    int nalStart(int i) {
        return nalStart[i];
    }

    int nalEnd(int i) {
        return nalEnd[i];
    }
}
