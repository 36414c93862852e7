/**
 * Platform-wide contracts: health reporting; the launcher's property names ({@link
 * org.cubekvm.api.platform.PlatformProperties}, 1.1.0); the console's bundle install for other ways
 * in ({@link org.cubekvm.api.platform.BundleInstaller}, 1.2.0;
 * its {@code trustedSigner}, 1.3.0).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.cubekvm.api.platform;
