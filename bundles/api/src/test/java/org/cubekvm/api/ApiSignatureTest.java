package org.cubekvm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The vendor SDK's baseline, which works on a clean clone: the exported packages' public
 * signatures and versions are compared with the committed {@code api-signatures.txt}. An
 * incompatible change without a major version bump, or an addition without a minor bump, fails
 * the build; a change with the right bump must be recorded by running this test with
 * {@code -Dcubekvm.api.record=true} and committing the file.
 */
class ApiSignatureTest {
    private static final Path RECORDED = Paths.get("api-signatures.txt");

    @Test
    void exportedPackagesMatchTheRecordedSignaturesOrAreVersionedForTheChange() throws Exception {
        Map<String, ApiSignatures.PackageSignature> now = ApiSignatures.of(Paths.get("target/classes"));
        assertFalse(now.isEmpty(), "no exported packages found in target/classes/META-INF/MANIFEST.MF");
        String text = ApiSignatures.format(now);
        if (Boolean.getBoolean("cubekvm.api.record")) {
            Files.writeString(RECORDED, text, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(RECORDED), "bundles/api/api-signatures.txt is missing; run with -Dcubekvm.api.record=true");
        Map<String, ApiSignatures.PackageSignature> recorded = ApiSignatures.parse(Files.readAllLines(RECORDED));
        List<String> problems = ApiSignatures.problems(recorded, now);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(Files.readString(RECORDED), text, "the API changed compatibly and is versioned for it;"
                + " record it: mvn test -pl bundles/api -Dcubekvm.api.record=true, and commit bundles/api/api-signatures.txt");
    }

    @Test
    void aRemovedMethodWithoutAMajorBumpIsRefused() {
        var before = Map.of("p", new ApiSignatures.PackageSignature("1.0.0", new TreeSet<>(List.of("method p.A.a() void public", "type p.A"))));
        var minor = Map.of("p", new ApiSignatures.PackageSignature("1.1.0", new TreeSet<>(List.of("type p.A"))));
        var major = Map.of("p", new ApiSignatures.PackageSignature("2.0.0", new TreeSet<>(List.of("type p.A"))));
        assertEquals(1, ApiSignatures.problems(before, minor).size());
        assertTrue(ApiSignatures.problems(before, major).isEmpty());
    }

    @Test
    void anAddedMethodNeedsAtLeastAMinorBump() {
        var before = Map.of("p", new ApiSignatures.PackageSignature("1.0.0", new TreeSet<>(List.of("type p.A"))));
        var same = Map.of("p", new ApiSignatures.PackageSignature("1.0.0", new TreeSet<>(List.of("method p.A.b() void public", "type p.A"))));
        var minor = Map.of("p", new ApiSignatures.PackageSignature("1.1.0", new TreeSet<>(List.of("method p.A.b() void public", "type p.A"))));
        assertEquals(1, ApiSignatures.problems(before, same).size());
        assertTrue(ApiSignatures.problems(before, minor).isEmpty());
        assertEquals(1, ApiSignatures.problems(before, Map.of()).size(), "a package that is no longer exported");
    }
}
