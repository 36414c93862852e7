package org.cubekvm.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cubekvm.api.platform.HealthStatus;
import org.junit.jupiter.api.Test;

class PlatformHealthChecksTest {
    @Test
    void diskSpaceIsCriticalBelowTenMebibytesAndWarnsBelowFifty() {
        assertEquals(HealthStatus.CRITICAL, PlatformHealthChecks.disk(9L << 20).status());
        assertEquals(HealthStatus.WARN, PlatformHealthChecks.disk(49L << 20).status());
        assertEquals(HealthStatus.OK, PlatformHealthChecks.disk(51L << 20).status());
    }

    @Test
    void memoryHeadroomIsReportedWithItsNumbers() {
        var health = PlatformHealthChecks.memory(Runtime.getRuntime());
        assertEquals("memory", health.name());
        assertEquals(true, health.message().contains("MiB heap used"), health.message());
    }
}
