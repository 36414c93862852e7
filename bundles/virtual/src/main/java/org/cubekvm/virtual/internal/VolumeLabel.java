package org.cubekvm.virtual.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a medium's volume label the way a PC's operating system finds it, from the image itself:
 * the ISO 9660 primary volume descriptor (from sector 16, 2048-byte sectors) of a CD image, or
 * the boot sector of a FAT12/16/32 file system, at the start of the image or of its first MBR
 * partition. Reads at most a few sectors, with one small buffer.
 */
final class VolumeLabel {
    static final int ISO_SECTOR = 2048;
    static final int ISO_FIRST_DESCRIPTOR = 16;
    /** Descriptors looked at before giving up (a real disc has a handful). */
    static final int ISO_MAX_DESCRIPTORS = 32;
    static final int SECTOR = 512;

    /** What was found: the file system's kind ({@code iso9660}, {@code fat}) and its label (may be empty). */
    record Found(String kind, String label) {
    }

    private VolumeLabel() {
    }

    /** @return the label found, or null when the image holds neither ISO 9660 nor FAT */
    static Found read(Path image) throws IOException {
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(ISO_SECTOR).order(ByteOrder.LITTLE_ENDIAN);
            String iso = iso9660(channel, buffer);
            if (iso != null) {
                return new Found("iso9660", iso);
            }
            String fat = fat(channel, buffer, 0);
            if (fat == null && read(channel, buffer, 0, SECTOR) && bootSignature(buffer)) {
                // Partition 1 of an MBR: type at 446+4, first LBA at 446+8.
                int type = buffer.get(446 + 4) & 0xff;
                long firstLba = buffer.getInt(446 + 8) & 0xffffffffL;
                if (type != 0 && type != 0xee && firstLba > 0) {
                    fat = fat(channel, buffer, firstLba * SECTOR);
                }
            }
            return fat == null ? null : new Found("fat", fat);
        }
    }

    private static String iso9660(FileChannel channel, ByteBuffer buffer) throws IOException {
        for (int i = 0; i < ISO_MAX_DESCRIPTORS; i++) {
            if (!read(channel, buffer, (long) (ISO_FIRST_DESCRIPTOR + i) * ISO_SECTOR, ISO_SECTOR)) {
                return null;
            }
            if (!"CD001".equals(ascii(buffer, 1, 5)) || buffer.get(6) != 1) {
                return null;
            }
            int type = buffer.get(0) & 0xff;
            if (type == 1) {
                // Primary volume descriptor: the volume identifier is 32 d-characters at offset 40.
                return ascii(buffer, 40, 32).strip();
            }
            if (type == 255) {
                return null; // set terminator without a primary descriptor
            }
        }
        return null;
    }

    private static String fat(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
        if (!read(channel, buffer, offset, SECTOR) || !bootSignature(buffer)) {
            return null;
        }
        int jump = buffer.get(0) & 0xff;
        int bytesPerSector = buffer.getShort(11) & 0xffff;
        int sectorsPerCluster = buffer.get(13) & 0xff;
        if (!(jump == 0xeb || jump == 0xe9) || bytesPerSector < 512 || bytesPerSector > 4096
                || Integer.bitCount(bytesPerSector) != 1 || sectorsPerCluster == 0
                || Integer.bitCount(sectorsPerCluster) != 1) {
            return null;
        }
        boolean fat32 = (buffer.getShort(22) & 0xffff) == 0;
        int signatureAt = fat32 ? 66 : 38;
        if ((buffer.get(signatureAt) & 0xff) != 0x29) {
            return ""; // a FAT file system without an extended boot record has no label here
        }
        String label = ascii(buffer, signatureAt + 5, 11).strip();
        return "NO NAME".equals(label) ? "" : label;
    }

    private static boolean bootSignature(ByteBuffer buffer) {
        return (buffer.get(510) & 0xff) == 0x55 && (buffer.get(511) & 0xff) == 0xaa;
    }

    /** Fills {@code buffer} with {@code length} bytes at {@code position}; false when the image is shorter. */
    private static boolean read(FileChannel channel, ByteBuffer buffer, long position, int length) throws IOException {
        buffer.clear().limit(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII of a field; anything else becomes '?' so a label can never inject control characters. */
    private static String ascii(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            int b = buffer.get(offset + i) & 0xff;
            b = b == 0 ? ' ' : b; // some tools pad with NUL instead of spaces
            bytes[i] = (byte) (b >= 0x20 && b < 0x7f ? b : '?');
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
