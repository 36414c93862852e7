package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cubekvm.testsupport.Await;
import org.osgi.framework.BundleContext;

/**
 * Logs the tests in, as a real installation would: the first admin is created with the one-time
 * setup code from {@code <data>/setup-code} (POST /api/auth/setup), then users of other roles are
 * made through the API. Each IT class runs in its own JVM with its own data directory.
 */
final class Credentials {
    static final String ADMIN = "admin";
    static final String PASSWORD = "itest-password-1";
    private static volatile String adminToken;
    private static final Map<String, String> cookies = new ConcurrentHashMap<>();

    private Credentials() {
    }

    static Http adminTokenClient(BundleContext context, Http http) throws Exception {
        return http.withToken(adminToken(context, http));
    }

    /** An API token of the first admin (created on first use). */
    static synchronized String adminToken(BundleContext context, Http http) throws Exception {
        if (adminToken != null) {
            return adminToken;
        }
        Path codeFile = Paths.get(context.getProperty("cubekvm.data")).resolve("setup-code");
        Http anonymous = http.anonymous();
        if (Files.exists(codeFile)) {
            String code = Files.readString(codeFile, StandardCharsets.US_ASCII).trim();
            String body = "{\"setupCode\":\"" + code + "\",\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}";
            // Jersey may still be re-initialising as resources arrive: retry until the setup endpoint answers.
            AtomicInteger status = new AtomicInteger();
            try {
                Await.until("POST /api/auth/setup with the setup code to answer 201", Http.DEADLINE, () -> {
                    status.set(anonymous.postJsonRaw("/api/auth/setup", body).statusCode());
                    return status.get() == 201;
                });
            } catch (AssertionError timedOut) {
                assertEquals("POST /api/auth/setup with the setup code", 201, status.get());
            }
        }
        String cookie = login(anonymous, ADMIN, PASSWORD);
        Http.Response created = anonymous.withCookie(cookie).send("POST", "/api/auth/tokens", "{\"name\":\"itest\"}",
                http.origin());
        assertEquals("POST /api/auth/tokens: " + created, 201, created.status());
        adminToken = created.object().get("token").getAsString();
        return adminToken;
    }

    /** Logs in; @return the {@code cubekvm_session=...} cookie. */
    static String login(Http http, String user, String password) {
        HttpResponse<String> response = http.anonymous().postJsonRaw("/api/auth/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertEquals("POST /api/auth/login as " + user + ": " + response.body(), 200, response.statusCode());
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cubekvm_session="))
                .map(c -> c.split(";")[0]).findFirst().orElseThrow(() -> new AssertionError("login set no session cookie"));
    }

    /** A session cookie of a user with {@code role} (created by the admin on first use). */
    static String cookieFor(Http admin, String role) {
        return cookies.computeIfAbsent(role, r -> {
            String user = "it-" + r;
            Http.Response created = admin.send("POST", "/api/users",
                    "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + r + "\"}", null);
            if (created.status() != 201 && created.status() != 409) {
                fail("creating a " + r + ": " + created);
            }
            return login(admin, user, PASSWORD);
        });
    }

    static String role(Http.Response me) {
        return JsonParser.parseString(me.body()).getAsJsonObject().get("role").getAsString();
    }
}
