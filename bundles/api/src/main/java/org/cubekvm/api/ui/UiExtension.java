package org.cubekvm.api.ui;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A web UI extension a bundle (a vendor's, typically) contributes: a toolbar button whose
 * behaviour is an ES module served by the bundle itself. The console lists every registered
 * extension at {@code GET /api/platform/ui/extensions}; the web app adds one button per
 * extension and, on the first click, imports the module and calls its exported
 * {@code activate(button)} function (see docs/vendor-sdk.md).
 */
@ConsumerType
public interface UiExtension {
    /** Stable id, {@code [a-z0-9.-]{1,64}}, e.g. {@code "com.example.jiggler"}. */
    String id();

    /** The button's text, at most 32 characters. */
    String label();

    /** Absolute path on this server of the ES module, e.g. {@code "/api/vendor/jiggler/ui.js"}. */
    String module();
}
