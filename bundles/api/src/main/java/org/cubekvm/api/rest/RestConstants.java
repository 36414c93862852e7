package org.cubekvm.api.rest;

/** Names shared by the JSON provider and the resources that depend on it. */
@org.osgi.annotation.versioning.ProviderType
public interface RestConstants {
    /** {@code osgi.jakartars.name} of the Gson JSON provider. */
    String JSON_PROVIDER_NAME = "cubekvm.json";

    /** Filter for {@code @JakartarsExtensionSelect}: a resource goes live only with the JSON provider. */
    String JSON_PROVIDER_FILTER = "(osgi.jakartars.name=" + JSON_PROVIDER_NAME + ")";

    /**
     * Component property for plain servlets and WebSockets under {@code /api}: Jersey owns the
     * servlet context at {@code /api} (pattern {@code /*}), and the HTTP whiteboard resolves the
     * longest context path first, so a servlet in the default context at {@code /api/x} would
     * never be reached. Such servlets join Jersey's context with a pattern relative to it
     * ({@code /stream/mjpeg} for {@code /api/stream/mjpeg}); exact patterns beat {@code /*}.
     */
    String API_CONTEXT_SELECT = "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.path=/api)";

    /**
     * Location prefix of the bundles the distribution installs (the built-in bundles).
     *
     * @deprecated since 1.1.0 of this package: a platform name, use
     *             {@link org.cubekvm.api.platform.PlatformProperties#BUILT_IN_LOCATION_PREFIX}
     */
    @Deprecated
    String BUILT_IN_LOCATION_PREFIX = org.cubekvm.api.platform.PlatformProperties.BUILT_IN_LOCATION_PREFIX;

    /**
     * Framework property naming the active profile.
     *
     * @deprecated since 1.1.0 of this package: use {@link org.cubekvm.api.platform.PlatformProperties#PROFILE_PROPERTY}
     */
    @Deprecated
    String PROFILE_PROPERTY = org.cubekvm.api.platform.PlatformProperties.PROFILE_PROPERTY;

    /**
     * Framework property naming the data directory.
     *
     * @deprecated since 1.1.0 of this package: use {@link org.cubekvm.api.platform.PlatformProperties#DATA_DIR_PROPERTY}
     */
    @Deprecated
    String DATA_DIR_PROPERTY = org.cubekvm.api.platform.PlatformProperties.DATA_DIR_PROPERTY;
}
