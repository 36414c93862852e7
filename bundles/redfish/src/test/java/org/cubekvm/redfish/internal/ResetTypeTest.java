package org.cubekvm.redfish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResetTypeTest {
    @ParameterizedTest(name = "{0} when on={1}: {2}")
    @CsvSource({
        "On, false, POWER_SHORT",
        "On, true, NOTHING",
        "ForceOff, true, POWER_HOLD",
        "ForceOff, false, NOTHING",
        "GracefulShutdown, true, POWER_SHORT",
        "GracefulShutdown, false, NOTHING",
        "ForceRestart, true, RESET",
        "ForceRestart, false, POWER_SHORT",
        "PushPowerButton, true, POWER_SHORT",
        "PushPowerButton, false, POWER_SHORT",
    })
    void eachTypePressesWhatItsNameSays(String name, boolean on, ResetType.Press expected) {
        assertEquals(expected, ResetType.named(name).press(on));
    }

    @ParameterizedTest
    @CsvSource({"on", "FORCEOFF", "Nmi", "''", "GracefulRestart"})
    void otherNamesAreNotOffered(String name) {
        assertNull(ResetType.named(name));
    }
}
