/** Keyboard and mouse: where HID reports go (USB gadget on the device, the virtual machine on a PC). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.cubekvm.api.hid;
