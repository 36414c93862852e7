package org.cubekvm.oled.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** A 128×64 1-bit grayscale PNG of panel RAM (lit pixels white), without AWT. */
final class MonoPng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private MonoPng() {
    }

    /** @param ram panel RAM in SSD1306 page layout; {@code on} false draws a dark panel */
    static byte[] encode(byte[] ram, boolean on) {
        int rowBytes = MonoFrame.WIDTH / 8;
        byte[] raw = new byte[MonoFrame.HEIGHT * (rowBytes + 1)];
        for (int y = 0; y < MonoFrame.HEIGHT; y++) {
            int base = y * (rowBytes + 1); // filter byte 0 (none)
            for (int x = 0; x < MonoFrame.WIDTH; x++) {
                boolean lit = on && (ram[(y / 8) * MonoFrame.WIDTH + x] & (1 << (y % 8))) != 0;
                if (lit) {
                    raw[base + 1 + x / 8] |= (byte) (0x80 >> (x % 8));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(MonoFrame.WIDTH).putInt(MonoFrame.HEIGHT).put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0)
                .put((byte) 0);
        chunk(out, "IHDR", header.array());
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(raw);
        deflater.finish();
        byte[] buffer = new byte[raw.length + 64];
        int size = deflater.deflate(buffer);
        deflater.end();
        byte[] compressed = new byte[size];
        System.arraycopy(buffer, 0, compressed, 0, size);
        chunk(out, "IDAT", compressed);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
