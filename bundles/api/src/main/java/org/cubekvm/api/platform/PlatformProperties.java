package org.cubekvm.api.platform;

/**
 * Names the launcher sets for the whole platform (framework properties and bundle locations),
 * read by bundles through {@code BundleContext.getProperty}. They moved here from
 * {@code org.cubekvm.api.rest.RestConstants} in 1.1.0 of this package: they are about the
 * platform, not about REST.
 */
public interface PlatformProperties {
    /** Location prefix of the bundles the distribution installs (the built-in bundles). */
    String BUILT_IN_LOCATION_PREFIX = "cubekvm:builtin:";

    /** Framework property naming the active profile. */
    String PROFILE_PROPERTY = "cubekvm.profile";

    /** Framework property naming the data directory. */
    String DATA_DIR_PROPERTY = "cubekvm.data";
}
