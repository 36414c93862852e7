package org.cubekvm.nativebridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendKindTest {
    @Test
    void explicitBackendsWinOverTheProfile() {
        assertEquals(BackendKind.HOST, BackendKind.resolve("host", "bench"));
        assertEquals(BackendKind.REPLAY, BackendKind.resolve(" Replay ", "virtual"));
        assertEquals(BackendKind.SG2002, BackendKind.resolve("SG2002", null));
    }

    @Test
    void autoFollowsTheProfile() {
        assertEquals(BackendKind.REPLAY, BackendKind.resolve("auto", "bench"));
        assertEquals(BackendKind.SG2002, BackendKind.resolve("auto", "sg2002"));
        assertEquals(BackendKind.HOST, BackendKind.resolve("auto", "virtual"));
        assertEquals(BackendKind.HOST, BackendKind.resolve("", "v4l2"));
        assertEquals(BackendKind.HOST, BackendKind.resolve(null, null));
    }

    @Test
    void aBadValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackendKind.resolve("vaapi", "virtual"));
        assertTrue(e.getMessage().contains("'vaapi'") && e.getMessage().contains("host"), e.getMessage());
    }
}
