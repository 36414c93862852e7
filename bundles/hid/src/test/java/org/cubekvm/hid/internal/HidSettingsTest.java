package org.cubekvm.hid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.api.Test;

class HidSettingsTest {
    @Test
    void aChangeOfTheLayoutKeepsTheOtherSettings() {
        HidSettings merged = HidSettings.DEFAULTS.merge(new HidSettings(null, null, null, "de-DE"));
        assertEquals(new HidSettings(HidSettings.ABSOLUTE, false, true, "de-DE"), merged);
    }

    @Test
    void aChangeWithoutLayoutKeepsTheLayout() {
        HidSettings german = new HidSettings(HidSettings.ABSOLUTE, false, true, "de-DE");
        assertEquals("de-DE", german.merge(new HidSettings(HidSettings.RELATIVE, null, null, null)).layout());
    }

    @Test
    void aMalformedLayoutIdIsRejectedNamingIt() {
        ApiException e = assertThrows(ApiException.class,
                () -> HidSettings.DEFAULTS.merge(new HidSettings(null, null, null, "../etc/passwd")));
        assertTrue(e.getMessage().contains("\"../etc/passwd\""), e.getMessage());
    }
}
