package org.cubekvm.auth.internal;

import org.cubekvm.api.auth.Role;

/**
 * The API.md role table, decided centrally by method and path so that no endpoint, present or
 * future, is open by omission: whatever is not listed needs {@code viewer} to read and
 * {@code admin} to change. Viewer: watch video and status. Operator: also keyboard, mouse,
 * paste, ATX, virtual media, the virtual machine's inputs. Admin: also users, settings,
 * bundles, configuration, metrics, TLS.
 */
final class AccessRules {
    private AccessRules() {
    }

    /** @param path decoded and normalised, from the server root, under {@code /api}, {@code /metrics} or {@code /redfish} */
    static Role required(String method, String path, boolean webSocketUpgrade) {
        boolean read = isSafe(method) && !webSocketUpgrade;
        // Every authenticated user manages their own session, password and tokens.
        if (under(path, "/api/auth/me") || under(path, "/api/auth/logout") || under(path, "/api/auth/password")
                || under(path, "/api/auth/tokens")) {
            return Role.VIEWER;
        }
        if (under(path, "/api/users") || under(path, "/api/auth")) {
            return Role.ADMIN;
        }
        if (path.endsWith("/settings") || path.contains("/settings/")) {
            return read ? Role.VIEWER : Role.ADMIN;
        }
        if (under(path, "/metrics")) {
            return Role.ADMIN;
        }
        if (under(path, "/redfish/v1/SessionService/Sessions")) {
            // Redfish log-in and log-out: anyone with an account; the servlet checks whose session it is.
            return Role.VIEWER;
        }
        if (under(path, "/redfish")) {
            // Redfish: reading is watching; resets and virtual media are an operator's.
            return read ? Role.VIEWER : Role.OPERATOR;
        }
        if (under(path, "/api/platform/metrics") || under(path, "/api/platform/config")) {
            return Role.ADMIN;
        }
        if (under(path, "/api/hid")) {
            // The WebSocket sends keys; reading status and layouts is watching.
            return read ? Role.VIEWER : Role.OPERATOR;
        }
        if (under(path, "/api/atx") || under(path, "/api/media") || under(path, "/api/virtual")) {
            return read ? Role.VIEWER : Role.OPERATOR;
        }
        if (under(path, "/api/events")) {
            // The pages' push channel (LEDs, power, media): watching status.
            return Role.VIEWER;
        }
        if (under(path, "/api/wol")) {
            // Wake-on-LAN is pressing a power button over the network.
            return read ? Role.VIEWER : Role.OPERATOR;
        }
        if (under(path, "/api/stream") || under(path, "/api/webrtc") || under(path, "/api/snapshot")) {
            // Watching video: the H.264 WebSocket and WHEP sessions are how a viewer watches.
            if (webSocketUpgrade || read || under(path, "/api/webrtc")) {
                return Role.VIEWER;
            }
            return Role.ADMIN;
        }
        return read ? Role.VIEWER : Role.ADMIN;
    }

    static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
