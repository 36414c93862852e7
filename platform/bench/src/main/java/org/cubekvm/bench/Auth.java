package org.cubekvm.bench;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Credentials for the benchmarks: the first admin is created with the data directory's one-time
 * setup code, then an API token is made, used as {@code Authorization: Bearer} everywhere (REST,
 * MJPEG, WebSockets). {@link #token} is read by every client of this process.
 */
final class Auth {
    static final String USER = "bench";
    static final String PASSWORD = "bench-password-0123";
    static volatile String token = System.getenv("CUBEKVM_TOKEN");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Auth() {
    }

    static String header() {
        return token == null ? null : "Bearer " + token;
    }

    static HttpRequest.Builder authorize(HttpRequest.Builder builder) {
        return token == null ? builder : builder.header("Authorization", header());
    }

    /** Creates the admin (if the data directory still has a setup code) and an API token. */
    static void setUp(String base, Path data) throws IOException, InterruptedException {
        Path codeFile = data.resolve("setup-code");
        if (Files.exists(codeFile)) {
            String code = Files.readString(codeFile).trim();
            post(base, "/api/auth/setup", null, "{\"setupCode\":\"" + code + "\",\"username\":\"" + USER
                    + "\",\"password\":\"" + PASSWORD + "\"}", List.of(200, 201));
        }
        HttpResponse<String> login = post(base, "/api/auth/login", null,
                "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}", List.of(200));
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cubekvm_session="))
                .map(c -> c.split(";")[0]).findFirst().orElseThrow(() -> new IOException("login set no session cookie"));
        HttpResponse<String> created = post(base, "/api/auth/tokens", cookie, "{\"name\":\"bench\"}", List.of(200, 201));
        token = JsonParser.parseString(created.body()).getAsJsonObject().get("token").getAsString();
    }

    private static HttpResponse<String> post(String base, String path, String cookie, String json, List<Integer> ok)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        // /healthz can be UP a moment before Jersey serves /api (it initialises asynchronously).
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (int retry = 0; retry < 200 && List.of(404, 405, 503).contains(response.statusCode()); retry++) {
            Thread.sleep(50);
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (!ok.contains(response.statusCode())) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
