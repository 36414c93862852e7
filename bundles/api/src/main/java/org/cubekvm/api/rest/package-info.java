/** REST conventions shared by every bundle that serves JSON: the error shape of docs/api.md and its one writer ({@link org.cubekvm.api.rest.ApiError#toJson()}, 1.1.0); the HTTP core's own {@code /api} context for plain servlets and WebSockets (1.2.0). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.cubekvm.api.rest;
