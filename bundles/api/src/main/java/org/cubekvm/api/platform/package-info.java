/** Platform-wide contracts: health reporting; the launcher's property names ({@link org.cubekvm.api.platform.PlatformProperties}, 1.1.0). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.cubekvm.api.platform;
