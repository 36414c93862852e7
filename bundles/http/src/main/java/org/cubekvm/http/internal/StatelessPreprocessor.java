package org.cubekvm.http.internal;

import jakarta.servlet.FilterConfig;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/** A preprocessor with nothing to set up or release. */
abstract class StatelessPreprocessor implements Preprocessor {
    @Override
    public void init(FilterConfig filterConfig) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing to release
    }
}
