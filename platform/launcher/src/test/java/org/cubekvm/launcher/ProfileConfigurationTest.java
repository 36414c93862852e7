package org.cubekvm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileConfigurationTest {
    @Test
    void profileFilesOverlayTheCommonOnes(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("config/common"));
        Files.createDirectories(home.resolve("config/bench"));
        Files.writeString(home.resolve("config/common/org.example.cfg"), "a=1\nb=2\n");
        Files.writeString(home.resolve("config/bench/org.example.cfg"), "b=20\nc=30\n");
        Files.writeString(home.resolve("config/bench/profile.properties"), "bundles.exclude=x\n");
        Map<String, Map<String, String>> loaded = ProfileConfiguration.load(home, "bench");
        assertEquals(Map.of("a", "1", "b", "20", "c", "30"), loaded.get("org.example"));
        assertEquals(1, loaded.size(), "profile.properties is not a configuration");
    }

    @Test
    void aNewConfigurationTakesEveryDefault() {
        Dictionary<String, Object> merged = ProfileConfiguration.merge(null, Map.of("fps", "30"));
        assertEquals("30", merged.get("fps"));
    }

    @Test
    void whatTheUserChangedWinsAndMissingDefaultsAreAdded() {
        Hashtable<String, Object> stored = new Hashtable<>(Map.of("fps", 10));
        Dictionary<String, Object> merged = ProfileConfiguration.merge(stored, Map.of("fps", "30", "gop", "300"));
        assertEquals(10, merged.get("fps"));
        assertEquals("300", merged.get("gop"));
    }

    @Test
    void nothingToWriteWhenEveryDefaultKeyIsStored() {
        Hashtable<String, Object> stored = new Hashtable<>(Map.of("fps", 10, "gop", 60));
        assertNull(ProfileConfiguration.merge(stored, Map.of("fps", "30", "gop", "300")));
    }
}
