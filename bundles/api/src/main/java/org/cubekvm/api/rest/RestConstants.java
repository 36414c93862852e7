package org.cubekvm.api.rest;

/** Names shared by the JSON provider and the resources that depend on it. */
@org.osgi.annotation.versioning.ProviderType
public interface RestConstants {
    /** {@code osgi.jakartars.name} of the Gson JSON provider. */
    String JSON_PROVIDER_NAME = "cubekvm.json";

    /** Filter for {@code @JakartarsExtensionSelect}: a resource goes live only with the JSON provider. */
    String JSON_PROVIDER_FILTER = "(osgi.jakartars.name=" + JSON_PROVIDER_NAME + ")";

    /**
     * Component property for plain servlets and WebSockets under {@code /api} (streams, snapshot,
     * WebSockets, WHEP): they join the HTTP core's context named {@link #DIRECT_API_CONTEXT_NAME},
     * whose path is {@code /api} too, with a pattern relative to it ({@code /stream/mjpeg} for
     * {@code /api/stream/mjpeg}). That context ranks above Jersey's {@code /api} context, so the
     * whiteboard tries it first and falls through to Jersey for any other path; its servlets do not
     * depend on Jersey's application (they serve while it rebuilds). Since 1.2.0 (before: Jersey's
     * context, selected by path). Requests to it must be authenticated by the access guard.
     */
    String API_CONTEXT_SELECT = "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name="
            + RestConstants.DIRECT_API_CONTEXT_NAME + ")";

    /** {@code osgi.http.whiteboard.context.name} of the context {@link #API_CONTEXT_SELECT} selects (1.2.0). */
    String DIRECT_API_CONTEXT_NAME = "cubekvm.api.direct";

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
