package org.cubekvm.hid.internal;

import org.cubekvm.api.rest.ApiException;

/**
 * {@code GET/PUT /api/hid/settings}. In a PUT, a null field keeps its value.
 *
 * @param mouse        "absolute" or "relative": the mouse mode the web UI starts in
 * @param jiggler      move the mouse by one pixel and back after a minute without input
 * @param bootProtocol offer the USB boot protocol (read by the USB gadget bundle)
 */
record HidSettings(String mouse, Boolean jiggler, Boolean bootProtocol) {
    static final String ABSOLUTE = "absolute";
    static final String RELATIVE = "relative";
    static final HidSettings DEFAULTS = new HidSettings(ABSOLUTE, false, true);

    /** This object with the non-null fields of {@code change} applied, validated. */
    HidSettings merge(HidSettings change) {
        HidSettings merged = new HidSettings(change.mouse != null ? change.mouse : mouse,
                change.jiggler != null ? change.jiggler : jiggler,
                change.bootProtocol != null ? change.bootProtocol : bootProtocol);
        merged.validate();
        return merged;
    }

    void validate() {
        if (!ABSOLUTE.equals(mouse) && !RELATIVE.equals(mouse)) {
            throw ApiException.badRequest("mouse must be \"absolute\" or \"relative\", was " + Strings.quote(mouse));
        }
    }

    static HidSettings of(HidHub.Config config) {
        HidSettings settings = new HidSettings(config.mouse(), config.jiggler(), config.bootProtocol());
        settings.validate();
        return settings;
    }
}
