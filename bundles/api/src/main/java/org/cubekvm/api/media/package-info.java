/**
 * Virtual media: the image store ({@link org.cubekvm.api.media.MediaStore}, uploads, downloads,
 * mounting) and the USB mass-storage LUN the target sees ({@link org.cubekvm.api.media.MassStorage},
 * provided by the virtual machine on a PC and by the USB gadget on the device).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.media;
