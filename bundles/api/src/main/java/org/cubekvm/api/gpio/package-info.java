/**
 * GPIO lines through the Linux character device ({@code /dev/gpiochipN}): the native bundle's
 * thin primitive. Timing and policy stay with the feature bundles (ATX).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.gpio;
