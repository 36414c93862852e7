/** Platform-wide contracts: health reporting. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.platform;
