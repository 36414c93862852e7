package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6184 rules: single NAL unit packets, FU-A fragments, marker on the access unit's last packet, SPS/PPS before IDR. */
class H264PacketizerTest {
    record Packet(byte[] payload, boolean marker) {
    }

    private static final int HEADER = 20;
    private static final int MAX = 1190;

    static byte[] nal(int header, int length) {
        byte[] n = new byte[length];
        n[0] = (byte) header;
        for (int i = 1; i < length; i++) {
            n[i] = (byte) (i * 7 + 1);
        }
        return n;
    }

    static ByteBuffer annexB(byte[]... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean four = true;
        for (byte[] n : nals) {
            out.writeBytes(four ? new byte[] {0, 0, 0, 1} : new byte[] {0, 0, 1});
            four = !four;
            out.writeBytes(n);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    static List<Packet> run(H264Packetizer p, ByteBuffer frame) {
        List<Packet> packets = new ArrayList<>();
        int n = p.packetize(frame, HEADER, MAX, (buf, off, len, marker) -> {
            assertEquals(HEADER, off);
            assertTrue(off + len <= MAX, "packet larger than the limit");
            packets.add(new Packet(Arrays.copyOfRange(buf, off, off + len), marker));
        });
        assertEquals(packets.size(), n);
        return packets;
    }

    @Test
    void keyFrameSendsSpsPpsAndFragmentsTheIdr() {
        byte[] sps = nal(0x67, 12);
        byte[] pps = nal(0x68, 5);
        byte[] idr = nal(0x65, 5000);
        ByteBuffer frame = annexB(sps, pps, idr);
        List<Packet> packets = run(new H264Packetizer(), frame);
        assertEquals(0, frame.position(), "the frame is not consumed");
        assertArrayEquals(sps, packets.get(0).payload());
        assertArrayEquals(pps, packets.get(1).payload());
        assertFalse(packets.get(0).marker());
        // FU-A: indicator keeps F/NRI with type 28, header S/E with type 5; payloads concatenate to the NAL.
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        rebuilt.write(0x65);
        for (int i = 2; i < packets.size(); i++) {
            byte[] p = packets.get(i).payload();
            assertEquals(0x60 | 28, p[0] & 0xFF);
            assertEquals(i == 2, (p[1] & 0x80) != 0, "start bit");
            assertEquals(i == packets.size() - 1, (p[1] & 0x40) != 0, "end bit");
            assertEquals(5, p[1] & 0x1F);
            assertEquals(i == packets.size() - 1, packets.get(i).marker(), "marker only on the last packet");
            rebuilt.write(p, 2, p.length - 2);
        }
        assertArrayEquals(idr, rebuilt.toByteArray());
    }

    @Test
    void idrWithoutParameterSetsGetsTheLastOnesFirst() {
        H264Packetizer p = new H264Packetizer();
        byte[] sps = nal(0x67, 12);
        byte[] pps = nal(0x68, 5);
        run(p, annexB(sps, pps, nal(0x65, 100)));
        List<Packet> packets = run(p, annexB(nal(0x65, 300)));
        assertEquals(3, packets.size());
        assertArrayEquals(sps, packets.get(0).payload());
        assertArrayEquals(pps, packets.get(1).payload());
        assertEquals(0x65, packets.get(2).payload()[0]);
        assertTrue(packets.get(2).marker());
    }

    @Test
    void smallNalsGoAsSingleNalUnitPacketsMarkerOnLast() {
        byte[] a = nal(0x41, 300);
        byte[] b = nal(0x41, 10);
        List<Packet> packets = run(new H264Packetizer(), annexB(a, b));
        assertEquals(2, packets.size());
        assertArrayEquals(a, packets.get(0).payload());
        assertFalse(packets.get(0).marker());
        assertArrayEquals(b, packets.get(1).payload());
        assertTrue(packets.get(1).marker());
    }

    @Test
    void garbageMakesNoPacketsAndNoException() {
        assertEquals(0, run(new H264Packetizer(), ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 0})).size());
        assertEquals(0, run(new H264Packetizer(), ByteBuffer.allocate(0)).size());
    }

    @Test
    void theFrameBufferGrowsWithTheFramesAndSmallerOnesAfterABigOneStillComeOutWhole() {
        H264Packetizer p = new H264Packetizer();
        byte[] small = nal(0x41, 100);
        byte[] big = nal(0x65, 5 * H264Packetizer.MIN_FRAME_BYTES); // more than the buffer's first size and its double
        assertArrayEquals(small, run(p, annexB(small)).get(0).payload());
        List<Packet> packets = run(p, annexB(nal(0x67, 12), nal(0x68, 5), big));
        ByteArrayOutputStream idr = new ByteArrayOutputStream();
        for (Packet packet : packets.subList(2, packets.size())) {
            byte[] fu = packet.payload();
            if (idr.size() == 0) {
                idr.write((fu[0] & 0xE0) | (fu[1] & 0x1F)); // the NAL header from the FU indicator and header
            }
            idr.write(fu, 2, fu.length - 2);
        }
        assertArrayEquals(big, idr.toByteArray());
        assertTrue(packets.get(packets.size() - 1).marker());
        List<Packet> after = run(p, annexB(small));
        assertEquals(1, after.size());
        assertArrayEquals(small, after.get(0).payload());
    }
}
