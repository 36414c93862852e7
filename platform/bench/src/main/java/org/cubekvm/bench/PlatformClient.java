package org.cubekvm.bench;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small JSON client for the platform's REST API. */
final class PlatformClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Gson gson = new Gson();

    PlatformClient(String base) {
        this.base = base;
    }

    JsonObject get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(Auth.authorize(HttpRequest.newBuilder(URI.create(base + path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return gson.fromJson(response.body(), JsonObject.class);
    }

    long metric(String name) throws IOException, InterruptedException {
        return get("/api/platform/metrics").get(name).getAsLong();
    }
}
