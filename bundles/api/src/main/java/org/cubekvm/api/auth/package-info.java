/**
 * Authentication and access control: who is calling ({@link org.cubekvm.api.auth.AuthenticatedUser}),
 * with which {@link org.cubekvm.api.auth.Role}, and the {@link org.cubekvm.api.auth.AccessGuard}
 * that protected endpoints depend on so that they exist only while access control is in place.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.cubekvm.api.auth;
