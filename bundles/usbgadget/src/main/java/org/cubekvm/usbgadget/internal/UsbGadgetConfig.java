package org.cubekvm.usbgadget.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed configuration of the USB gadget (PID {@code org.cubekvm.usbgadget}); present only in the sg2002 profile. */
@ObjectClassDefinition(name = "CubeKVM USB gadget", description = "The configfs gadget the target sees (GET/PUT /api/usb)")
@interface UsbGadgetConfig {
    @AttributeDefinition(description = "configfs mount point")
    String configfs() default "/sys/kernel/config";

    @AttributeDefinition(description = "Where the stock flag files live (<root>/boot/usb.rndis0, usb.ncm, usb.hid_only, BIOS)")
    String flagsRoot() default "/";

    @AttributeDefinition(description = "Directory of the hidg device nodes")
    String dev() default "/dev";

    @AttributeDefinition(description = "Directory listing the USB device controllers")
    String udcClass() default "/sys/class/udc";

    @AttributeDefinition(description = "UDC to bind; empty = the first one in udcClass")
    String udc() default "";

    boolean keyboard() default true;

    boolean mouse() default true;

    boolean absoluteMouse() default true;

    boolean massStorage() default true;

    @AttributeDefinition(description = "off, rndis or ncm")
    String network() default "off";

    boolean hidOnly() default false;

    boolean bootProtocol() default false;

    boolean remoteWakeup() default true;

    @AttributeDefinition(description = "USB vendor id, e.g. 0x1d6b")
    String vendorId() default "0x1d6b";

    @AttributeDefinition(description = "USB product id, e.g. 0x0104")
    String productId() default "0x0104";

    String serial() default "CUBEKVM0001";

    String manufacturer() default "CubeKVM";

    String product() default "CubeKVM USB Device";
}
