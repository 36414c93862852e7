package com.example.cubekvm.jiggler.internal;

import org.cubekvm.api.ui.UiExtension;
import org.osgi.service.component.annotations.Component;

/** The toolbar button: the web app imports {@code /api/vendor/jiggler/ui.js} and calls its {@code activate}. */
@Component
public class JigglerButton implements UiExtension {
    @Override
    public String id() {
        return "com.example.jiggler";
    }

    @Override
    public String label() {
        return "Jiggle";
    }

    @Override
    public String module() {
        return "/api/vendor/jiggler/ui.js";
    }
}
