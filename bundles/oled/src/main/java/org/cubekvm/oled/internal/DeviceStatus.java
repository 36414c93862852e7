package org.cubekvm.oled.internal;

import java.util.List;

/**
 * What the status pages show, gathered once per refresh.
 *
 * @param setupCode the one-time setup code while no admin exists, else null
 */
record DeviceStatus(List<String> addresses, boolean link, boolean signal, int width, int height, double fps,
        String stream, int viewers, boolean hidOnline, String setupCode) {
}
