/** I2C writes through {@code /dev/i2c-N}: the native bundle's thin primitive (for the OLED). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.i2c;
