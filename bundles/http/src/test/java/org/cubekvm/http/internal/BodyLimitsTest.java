package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyLimitsTest {
    @Test
    void loginAndSetupTakeAFewKilobytes() {
        assertEquals(4096, BodyLimits.maxBytes("POST", "/api/auth/login"));
        assertEquals(4096, BodyLimits.maxBytes("POST", "/api/auth/setup"));
        assertEquals(4096, BodyLimits.maxBytes("PUT", "/api/auth/password"));
        assertEquals(4096, BodyLimits.maxBytes("POST", "/api/auth/tokens"));
        assertEquals(4096, BodyLimits.maxBytes("POST", "/api/users"));
        assertEquals(4096, BodyLimits.maxBytes("PUT", "/api/users/alice"));
        assertEquals(4096, BodyLimits.maxBytes("POST", "/api/hid/keys"));
    }

    @Test
    void pasteAndCertificatesAreTheLargest() {
        assertEquals(256 * 1024, BodyLimits.maxBytes("POST", "/api/hid/paste"));
        assertEquals(256 * 1024, BodyLimits.maxBytes("PUT", "/api/auth/tls"));
    }

    @Test
    void anythingElseGetsTheDefault() {
        assertEquals(16 * 1024, BodyLimits.maxBytes("PUT", "/api/video/settings"));
        assertEquals(16 * 1024, BodyLimits.maxBytes("PUT", "/api/virtual/settings"));
        assertEquals(16 * 1024, BodyLimits.maxBytes("POST", "/api/anything/new"));
        assertEquals(16 * 1024, BodyLimits.maxBytes("POST", "/"));
        // another method on a path with a rule is not that rule's
        assertEquals(16 * 1024, BodyLimits.maxBytes("PUT", "/api/hid/paste"));
    }

    @Test
    void onlyTheBundleUploadIsStreamed() {
        assertEquals(BodyLimits.STREAMED, BodyLimits.maxBytes("PUT", "/api/platform/bundles/12"));
        assertEquals(BodyLimits.STREAMED, BodyLimits.maxBytes("POST", "/api/platform/bundles"));
        assertEquals(BodyLimits.STREAMED, BodyLimits.maxBytes("PUT", "/api/media/images/installer.iso"));
        assertEquals(BodyLimits.DEFAULT_BYTES, BodyLimits.maxBytes("POST", "/api/media/mount"));
        assertEquals(16 * 1024, BodyLimits.maxBytes("POST", "/api/platform/bundles/12/stop"));
        assertEquals(16 * 1024, BodyLimits.maxBytes("PUT", "/api/platform/bundles/12/extra"));
    }

    @Test
    void budgetPoolsAreSeparate() {
        BodyBudget budget = new BodyBudget(8 * 1024, 256 * 1024);
        assertTrue(budget.reserve(BodyLimits.LARGE_BYTES, 256 * 1024));
        assertFalse(budget.reserve(BodyLimits.LARGE_BYTES, 1), "the large pool is full");
        assertTrue(budget.reserve(BodyLimits.SMALL_BYTES, 4096), "a login still fits");
        assertTrue(budget.reserve(BodyLimits.SMALL_BYTES, 4096));
        assertFalse(budget.reserve(BodyLimits.SMALL_BYTES, 1));
        budget.release(BodyLimits.SMALL_BYTES, 4096);
        assertTrue(budget.reserve(BodyLimits.DEFAULT_BYTES, 4096), "settings share the small pool");
        budget.release(BodyLimits.LARGE_BYTES, 256 * 1024);
        assertEquals(256 * 1024, budget.free(BodyLimits.LARGE_BYTES));
    }
}
