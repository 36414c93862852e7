/** The built-in 8×16 bitmap font shared by the virtual screen and the OLED status display. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.font;
