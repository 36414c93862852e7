package org.cubekvm.media.internal;

import java.util.function.Function;

/**
 * The validated limits of the store.
 *
 * @param maxImageBytes     largest image
 * @param storeLimitBytes   all images together, 0 for no quota
 * @param reserveBytes      free space always left on the file system
 * @param connectTimeoutMs  download connect timeout
 * @param idleTimeoutMs     download read timeout
 * @param bytesPerSecond    pace of a transfer, 0 = unpaced
 */
record StoreLimits(long maxImageBytes, long storeLimitBytes, long reserveBytes, int connectTimeoutMs,
        int idleTimeoutMs, long bytesPerSecond) {
    static final String OVERRIDE_PREFIX = "cubekvm.media.";

    /**
     * @param override the framework property lookup ({@code BundleContext::getProperty})
     * @throws IllegalArgumentException naming the bad value
     */
    static StoreLimits of(MediaConfig config, Function<String, String> override) {
        long maxImage = value("maxImageBytes", config.maxImageBytes(), override);
        long quota = value("storeLimitBytes", config.storeLimitBytes(), override);
        long reserve = value("reserveBytes", config.reserveBytes(), override);
        long connect = value("downloadConnectTimeoutSeconds", config.downloadConnectTimeoutSeconds(), override);
        long idle = value("downloadIdleTimeoutSeconds", config.downloadIdleTimeoutSeconds(), override);
        long pace = value("transferBytesPerSecond", config.transferBytesPerSecond(), override);
        if (pace < 0) {
            throw new IllegalArgumentException("transferBytesPerSecond must be 0 (unpaced) or more, was " + pace);
        }
        if (maxImage < 1) {
            throw new IllegalArgumentException("maxImageBytes must be at least 1, was " + maxImage);
        }
        if (quota < 0) {
            throw new IllegalArgumentException("storeLimitBytes must be 0 (no quota) or more, was " + quota);
        }
        if (reserve < 0) {
            throw new IllegalArgumentException("reserveBytes must be 0 or more, was " + reserve);
        }
        if (connect < 1 || connect > 600) {
            throw new IllegalArgumentException("downloadConnectTimeoutSeconds must be 1..600, was " + connect);
        }
        if (idle < 1 || idle > 3600) {
            throw new IllegalArgumentException("downloadIdleTimeoutSeconds must be 1..3600, was " + idle);
        }
        return new StoreLimits(maxImage, quota, reserve, (int) connect * 1000, (int) idle * 1000, pace);
    }

    private static long value(String name, long configured, Function<String, String> override) {
        String text = override.apply(OVERRIDE_PREFIX + name);
        if (text == null || text.isBlank()) {
            return configured;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(OVERRIDE_PREFIX + name + " must be a whole number, was '" + text + "'");
        }
    }
}
