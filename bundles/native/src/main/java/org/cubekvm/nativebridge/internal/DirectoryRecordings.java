package org.cubekvm.nativebridge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cubekvm.api.video.Codec;

/** Recordings in a folder (configured, or the build output in tests): the first file per codec by name. */
final class DirectoryRecordings implements Recordings {
    private final Path folder;

    DirectoryRecordings(Path folder) {
        this.folder = folder;
    }

    @Override
    public boolean has(Codec codec) {
        try {
            return find(codec) != null;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    @Override
    public Path locate(Codec codec) throws IOException {
        Path file = find(codec);
        if (file == null) {
            throw new IOException("no " + Recordings.prefix(codec) + "*.ckr recording in " + folder);
        }
        return file;
    }

    private Path find(Codec codec) throws IOException {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        String prefix = Recordings.prefix(codec);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".ckr")).sorted().findFirst().orElse(null);
        }
    }

    @Override
    public String where() {
        return folder.toString();
    }
}
