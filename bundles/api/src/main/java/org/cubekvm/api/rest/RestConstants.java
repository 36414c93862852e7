package org.cubekvm.api.rest;

/** Names shared by the JSON provider and the resources that depend on it. */
public interface RestConstants {
    /** {@code osgi.jakartars.name} of the Gson JSON provider. */
    String JSON_PROVIDER_NAME = "cubekvm.json";

    /** Filter for {@code @JakartarsExtensionSelect}: a resource goes live only with the JSON provider. */
    String JSON_PROVIDER_FILTER = "(osgi.jakartars.name=" + JSON_PROVIDER_NAME + ")";

    /** Location prefix of the bundles the distribution installs (the built-in bundles). */
    String BUILT_IN_LOCATION_PREFIX = "cubekvm:builtin:";

    /** Framework property naming the active profile. */
    String PROFILE_PROPERTY = "cubekvm.profile";

    /** Framework property naming the data directory. */
    String DATA_DIR_PROPERTY = "cubekvm.data";
}
