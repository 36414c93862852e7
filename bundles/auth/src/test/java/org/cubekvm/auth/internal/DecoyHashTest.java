package org.cubekvm.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoyHashTest {
    private static final int ITERATIONS = 1000;

    @Test
    void madeOnceThenReadByTheNextStart(@TempDir Path data) throws IOException {
        DecoyHash first = new DecoyHash(data);
        assertFalse(first.load(ITERATIONS), "a new data directory has no decoy hash");
        String made = first.get(ITERATIONS);
        assertEquals(ITERATIONS, PasswordHashing.iterations(made));
        assertEquals(made, first.get(ITERATIONS), "made once");
        Path file = data.resolve(DecoyHash.FILE);
        assertEquals(made, Files.readString(file).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        DecoyHash next = new DecoyHash(data);
        assertTrue(next.load(ITERATIONS), "the next start reads it instead of making it");
        assertEquals(made, next.get(ITERATIONS));
    }

    @Test
    void aChangedIterationCountMakesANewOne(@TempDir Path data) {
        String old = new DecoyHash(data).get(ITERATIONS);
        DecoyHash next = new DecoyHash(data);
        assertFalse(next.load(2 * ITERATIONS));
        String made = next.get(2 * ITERATIONS);
        assertNotEquals(old, made);
        assertEquals(2 * ITERATIONS, PasswordHashing.iterations(made));
        assertTrue(new DecoyHash(data).load(2 * ITERATIONS), "the new one is stored");
    }

    @Test
    void aDamagedFileIsReplaced(@TempDir Path data) throws IOException {
        Files.writeString(data.resolve(DecoyHash.FILE), "not a hash");
        DecoyHash decoy = new DecoyHash(data);
        assertFalse(decoy.load(ITERATIONS));
        Files.writeString(data.resolve(DecoyHash.FILE), "other$" + ITERATIONS + "$c2FsdA$aGFzaA");
        assertFalse(decoy.load(ITERATIONS), "another scheme would make verify() answer at once");
        assertEquals(ITERATIONS, PasswordHashing.iterations(decoy.get(ITERATIONS)));
    }
}
