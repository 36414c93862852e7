package org.cubekvm.hid.internal;

import java.util.regex.Pattern;
import org.cubekvm.api.rest.ApiException;

/**
 * {@code GET/PUT /api/hid/settings}. In a PUT, a null field keeps its value.
 *
 * @param mouse        "absolute" or "relative": the mouse mode the web UI starts in
 * @param jiggler      move the mouse by one pixel and back after a minute without input
 * @param bootProtocol offer the USB boot protocol (read by the USB gadget bundle)
 * @param layout       the keyboard layout the target reads keys with: the default of paste and the
 *                     labels of the web UI's on-screen keyboard (a known layout id, checked by the resource)
 */
record HidSettings(String mouse, Boolean jiggler, Boolean bootProtocol, String layout) {
    static final String ABSOLUTE = "absolute";
    static final String RELATIVE = "relative";
    static final String DEFAULT_LAYOUT = "en-US";
    static final HidSettings DEFAULTS = new HidSettings(ABSOLUTE, false, true, DEFAULT_LAYOUT);
    private static final Pattern LAYOUT_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** This object with the non-null fields of {@code change} applied, validated. */
    HidSettings merge(HidSettings change) {
        HidSettings merged = new HidSettings(change.mouse != null ? change.mouse : mouse,
                change.jiggler != null ? change.jiggler : jiggler,
                change.bootProtocol != null ? change.bootProtocol : bootProtocol,
                change.layout != null ? change.layout : layout);
        merged.validate();
        return merged;
    }

    void validate() {
        if (!ABSOLUTE.equals(mouse) && !RELATIVE.equals(mouse)) {
            throw ApiException.badRequest("mouse must be \"absolute\" or \"relative\", was " + Strings.quote(mouse));
        }
        if (layout == null || !LAYOUT_ID.matcher(layout).matches()) {
            throw ApiException.badRequest("layout must be a layout id such as \"en-US\", was " + Strings.quote(layout));
        }
    }

    static HidSettings of(HidHub.Config config) {
        HidSettings settings = new HidSettings(config.mouse(), config.jiggler(), config.bootProtocol(), config.layout());
        settings.validate();
        return settings;
    }
}
