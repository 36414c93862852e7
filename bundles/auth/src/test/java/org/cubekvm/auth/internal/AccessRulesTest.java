package org.cubekvm.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The role table of docs/security.md, row by row. */
class AccessRulesTest {
    @ParameterizedTest(name = "{0} {1} (upgrade {2}) needs {3}")
    @CsvSource({
        // watching: viewer
        "GET, /api/video/status, false, VIEWER",
        "GET, /api/stream/mjpeg, false, VIEWER",
        "GET, /api/stream/h264, true, VIEWER",
        "GET, /api/snapshot, false, VIEWER",
        "GET, /api/hid/status, false, VIEWER",
        "GET, /api/virtual/state, false, VIEWER",
        "GET, /api/platform/info, false, VIEWER",
        "GET, /api/platform/health, false, VIEWER",
        "GET, /api/video/settings, false, VIEWER",
        "POST, /api/webrtc/whep, false, VIEWER",
        "DELETE, /api/webrtc/whep/abc, false, VIEWER",
        // own account: any role
        "GET, /api/auth/me, false, VIEWER",
        "POST, /api/auth/logout, false, VIEWER",
        "PUT, /api/auth/password, false, VIEWER",
        "POST, /api/auth/tokens, false, VIEWER",
        "DELETE, /api/auth/tokens/abc, false, VIEWER",
        // controlling the target: operator
        "GET, /api/hid, true, OPERATOR",
        "POST, /api/hid/paste, false, OPERATOR",
        "DELETE, /api/hid/paste/1, false, OPERATOR",
        "POST, /api/hid/keys, false, OPERATOR",
        "POST, /api/atx/power, false, OPERATOR",
        "POST, /api/wol, false, OPERATOR",
        "PUT, /api/wol/targets, false, OPERATOR",
        "GET, /api/events, true, VIEWER",
        "POST, /api/media/mount, false, OPERATOR",
        "PUT, /api/media/images/x.iso, false, OPERATOR",
        // settings, users, platform: admin
        "PUT, /api/video/settings, false, ADMIN",
        "PUT, /api/hid/settings, false, ADMIN",
        "PUT, /api/virtual/settings, false, ADMIN",
        "PUT, /api/oled, false, ADMIN",
        "PUT, /api/usb, false, ADMIN",
        "GET, /api/users, false, ADMIN",
        "POST, /api/users, false, ADMIN",
        "DELETE, /api/users/bob, false, ADMIN",
        "GET, /api/auth/tls, false, ADMIN",
        "PUT, /api/auth/tls, false, ADMIN",
        "POST, /api/platform/bundles/3/stop, false, ADMIN",
        "POST, /api/platform/bundles, false, ADMIN",
        "GET, /api/platform/metrics, false, ADMIN",
        "GET, /api/platform/config/org.cubekvm.auth, false, ADMIN",
        "DELETE, /api/stream/h264/stats, false, ADMIN",
        // integrations: metrics are an admin's, Redfish reads are watching, Redfish actions operate
        "GET, /metrics, false, ADMIN",
        // Redfish log-in/log-out: anyone with an account (the servlet checks whose session it is)
        "POST, /redfish/v1/SessionService/Sessions, false, VIEWER",
        "DELETE, /redfish/v1/SessionService/Sessions/abc, false, VIEWER",
        "GET, /redfish/v1/Systems/1, false, VIEWER",
        "POST, /redfish/v1/Systems/1/Actions/ComputerSystem.Reset, false, OPERATOR",
        // unknown: read viewer, change admin (closed by default)
        "GET, /api/something-new, false, VIEWER",
        "POST, /api/something-new, false, ADMIN",
        "GET, /api/something-new, true, ADMIN",
    })
    void roleTable(String method, String path, boolean upgrade, Role expected) {
        assertEquals(expected, AccessRules.required(method, path, upgrade));
    }

    @ParameterizedTest(name = "{0} public: {1}")
    @CsvSource({
        "/api/auth/login, true",
        "/api/auth/setup, true",
        "/healthz, true",
        "/, true",
        "/js/main.js, true",
        "/api, false",
        "/api/, false",
        "/api/auth/login/x, false",
        "/api/auth/me, false",
        "/api/hid, false",
        "/metrics, false",
        "/metrics/x, false",
        "/redfish, false",
        "/redfish/v1, false",
        "/metricsx, true",
    })
    void publicPaths(String path, boolean expected) {
        assertEquals(expected, AccessGuard.isPublicPath(path));
    }

    @ParameterizedTest(name = "{0} {1} public: {2}")
    @CsvSource({
        "POST, /redfish/v1/SessionService/Sessions, true",
        "GET, /redfish/v1/SessionService/Sessions, false",
        "DELETE, /redfish/v1/SessionService/Sessions/x, false",
        "POST, /redfish/v1/SessionService/Sessions/x, false",
        "POST, /redfish/v1/Systems/1/Actions/ComputerSystem.Reset, false",
        "POST, /api/auth/login, true",
        "GET, /index.html, true",
    })
    void publicRequests(String method, String path, boolean expected) {
        assertEquals(expected, AccessGuard.isPublicRequest(method, path));
    }
}
