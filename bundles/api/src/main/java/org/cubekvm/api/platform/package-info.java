/** Platform-wide contracts: health reporting, the console's bundle install. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.cubekvm.api.platform;
