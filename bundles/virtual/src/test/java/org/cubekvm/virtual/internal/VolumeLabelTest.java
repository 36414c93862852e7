package org.cubekvm.virtual.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images are built here byte by byte, from the ISO 9660 (ECMA-119) and FAT (Microsoft) layouts. */
class VolumeLabelTest {
    @TempDir
    Path dir;

    /** An ISO image: system area, optional boot record, primary descriptor, terminator, some data. */
    static byte[] iso(String label, boolean bootRecordFirst) {
        byte[] image = new byte[2048 * 24];
        int sector = 16;
        if (bootRecordFirst) {
            descriptor(image, sector++, 0);
        }
        int pvd = descriptor(image, sector++, 1);
        byte[] field = new byte[32];
        Arrays.fill(field, (byte) ' ');
        byte[] text = label.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, field, 0, text.length);
        System.arraycopy(field, 0, image, pvd + 40, 32);
        descriptor(image, sector, 255);
        return image;
    }

    private static int descriptor(byte[] image, int sector, int type) {
        int at = sector * 2048;
        image[at] = (byte) type;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, image, at + 1, 5);
        image[at + 6] = 1;
        return at;
    }

    /** A FAT boot sector (FAT16 layout, or FAT32 when {@code fat32}) with an extended boot record. */
    static byte[] fatBootSector(String label, boolean fat32) {
        ByteBuffer sector = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        sector.put(0, (byte) 0xeb).put(1, (byte) 0x3c).put(2, (byte) 0x90);
        sector.put(3, "MSWIN4.1".getBytes(StandardCharsets.US_ASCII));
        sector.putShort(11, (short) 512);
        sector.put(13, (byte) 4);
        sector.putShort(22, (short) (fat32 ? 0 : 32));
        int ebr = fat32 ? 64 : 36;
        sector.put(ebr + 2, (byte) 0x29);
        byte[] field = new byte[11];
        Arrays.fill(field, (byte) ' ');
        byte[] text = label.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, field, 0, text.length);
        sector.put(ebr + 7, field);
        sector.put(ebr + 18, (fat32 ? "FAT32   " : "FAT16   ").getBytes(StandardCharsets.US_ASCII));
        sector.put(510, (byte) 0x55).put(511, (byte) 0xaa);
        return sector.array();
    }

    private VolumeLabel.Found read(byte[] image) throws IOException {
        Path file = dir.resolve("image");
        Files.write(file, image);
        return VolumeLabel.read(file);
    }

    @Test
    void isoPrimaryVolumeDescriptor() throws IOException {
        assertEquals(new VolumeLabel.Found("iso9660", "DEBIAN_12_NETINST"), read(iso("DEBIAN_12_NETINST", false)));
        assertEquals(new VolumeLabel.Found("iso9660", "BOOTABLE"), read(iso("BOOTABLE", true)));
        assertEquals(new VolumeLabel.Found("iso9660", "X".repeat(32)), read(iso("X".repeat(32), false)));
    }

    @Test
    void controlCharactersInALabelAreNeutralised() throws IOException {
        byte[] image = iso("AB", false);
        image[16 * 2048 + 42] = 0x1b;
        assertEquals("AB?", read(image).label());
    }

    @Test
    void fatLabels() throws IOException {
        byte[] fat16 = new byte[64 * 1024];
        System.arraycopy(fatBootSector("RESCUE", false), 0, fat16, 0, 512);
        assertEquals(new VolumeLabel.Found("fat", "RESCUE"), read(fat16));
        byte[] fat32 = new byte[64 * 1024];
        System.arraycopy(fatBootSector("WIN_DRIVERS", true), 0, fat32, 0, 512);
        assertEquals(new VolumeLabel.Found("fat", "WIN_DRIVERS"), read(fat32));
        byte[] unnamed = new byte[64 * 1024];
        System.arraycopy(fatBootSector("NO NAME", false), 0, unnamed, 0, 512);
        assertEquals(new VolumeLabel.Found("fat", ""), read(unnamed));
    }

    @Test
    void fatInTheFirstPartitionOfAnMbrDisk() throws IOException {
        byte[] disk = new byte[4096 * 512];
        ByteBuffer mbr = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        mbr.put(446 + 4, (byte) 0x0c);
        mbr.putInt(446 + 8, 2048);
        mbr.put(510, (byte) 0x55).put(511, (byte) 0xaa);
        System.arraycopy(fatBootSector("STICK", true), 0, disk, 2048 * 512, 512);
        assertEquals(new VolumeLabel.Found("fat", "STICK"), read(disk));
    }

    @Test
    void neitherIsoNorFat() throws IOException {
        byte[] noise = new byte[40 * 2048];
        new Random(42).nextBytes(noise);
        noise[510] = 0;
        assertNull(read(noise));
        assertNull(read(new byte[100]));
        assertNull(read(new byte[0]));
    }

    @Test
    void theDriveShowsTheLabelOnScreenAndInItsState() throws IOException {
        Machine machine = new Machine("en-US");
        VirtualDrive drive = new VirtualDrive(machine.screen);
        Path image = dir.resolve("install.iso");
        Files.write(image, iso("MY_INSTALLER", false));
        drive.insert(new org.cubekvm.api.media.Medium("install.iso", image, org.cubekvm.api.media.MediumMode.CDROM, true));
        assertEquals(new VirtualDrive.MediaState("install.iso", "MY_INSTALLER"), drive.state());
        ScreenContent content = machine.content();
        assertEquals(true, content.rowText(0).contains("CD-ROM: MY_INSTALLER"), content.rowText(0));
        boolean logged = false;
        for (int row = 1; row < content.rows(); row++) {
            logged |= content.rowText(row).contains("install.iso inserted: iso9660 volume 'MY_INSTALLER'");
        }
        assertEquals(true, logged, "the shell logs the insertion");
        assertEquals("", machine.typed(), "a notice is not typed text");
        drive.eject();
        assertNull(drive.state());
        assertNull(drive.inserted());
        assertEquals(false, content.rowText(0).contains("MY_INSTALLER"));
    }
}
