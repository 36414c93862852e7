/**
 * ATX power control: the target's power and reset buttons and its power and HDD LEDs. One
 * {@link org.cubekvm.api.atx.AtxTarget} per profile (GPIO lines on the device, the virtual
 * machine on a PC); timing, safety and state live in the ATX bundle that drives it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.atx;
