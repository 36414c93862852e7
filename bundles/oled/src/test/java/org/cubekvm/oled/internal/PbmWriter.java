package org.cubekvm.oled.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the pages as P1 PBM files, to (re)create the golden images after a deliberate change:
 * {@code java -cp target/classes:target/test-classes:<api jar> org.cubekvm.oled.internal.PbmWriter dir}.
 * Look at every image before committing it; the test then holds the code to them.
 */
public final class PbmWriter {
    private PbmWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (StatusPages page : StatusPages.values()) {
            MonoFrame frame = new MonoFrame();
            page.render(OledTest.statusFor(page), frame);
            StringBuilder pbm = new StringBuilder("P1\n# CubeKVM OLED page " + page + "\n128 64\n");
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 128; x++) {
                    pbm.append(frame.get(x, y) ? '1' : '0');
                }
                pbm.append('\n');
            }
            Files.writeString(dir.resolve(page.name().toLowerCase(Locale.ROOT) + ".pbm"), pbm);
        }
    }
}
