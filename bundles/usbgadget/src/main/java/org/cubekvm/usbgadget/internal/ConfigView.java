package org.cubekvm.usbgadget.internal;

import java.lang.annotation.Annotation;
import java.util.Dictionary;

/** A {@link UsbGadgetConfig} over configuration properties, to validate a change before it is stored. */
final class ConfigView implements UsbGadgetConfig {
    private final Dictionary<String, Object> p;

    private ConfigView(Dictionary<String, Object> properties) {
        this.p = properties;
    }

    static UsbGadgetConfig of(Dictionary<String, Object> properties) {
        return new ConfigView(properties);
    }

    private boolean bool(String key, boolean fallback) {
        Object v = p.get(key);
        return v == null ? fallback : Boolean.parseBoolean(v.toString());
    }

    private String string(String key, String fallback) {
        Object v = p.get(key);
        return v == null ? fallback : v.toString();
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return UsbGadgetConfig.class;
    }

    @Override
    public String configfs() {
        return string("configfs", "/sys/kernel/config");
    }

    @Override
    public String flagsRoot() {
        return string("flagsRoot", "/");
    }

    @Override
    public String dev() {
        return string("dev", "/dev");
    }

    @Override
    public String udcClass() {
        return string("udcClass", "/sys/class/udc");
    }

    @Override
    public String udc() {
        return string("udc", "");
    }

    @Override
    public boolean keyboard() {
        return bool("keyboard", true);
    }

    @Override
    public boolean mouse() {
        return bool("mouse", true);
    }

    @Override
    public boolean absoluteMouse() {
        return bool("absoluteMouse", true);
    }

    @Override
    public boolean massStorage() {
        return bool("massStorage", true);
    }

    @Override
    public String network() {
        return string("network", "off");
    }

    @Override
    public boolean hidOnly() {
        return bool("hidOnly", false);
    }

    @Override
    public boolean bootProtocol() {
        return bool("bootProtocol", false);
    }

    @Override
    public boolean remoteWakeup() {
        return bool("remoteWakeup", true);
    }

    @Override
    public String vendorId() {
        return string("vendorId", "0x1d6b");
    }

    @Override
    public String productId() {
        return string("productId", "0x0104");
    }

    @Override
    public String serial() {
        return string("serial", "CUBEKVM0001");
    }

    @Override
    public String manufacturer() {
        return string("manufacturer", "CubeKVM");
    }

    @Override
    public String product() {
        return string("product", "CubeKVM USB Device");
    }
}
