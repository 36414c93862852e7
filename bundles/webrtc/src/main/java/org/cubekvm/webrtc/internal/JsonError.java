package org.cubekvm.webrtc.internal;

import com.google.gson.Gson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.cubekvm.api.rest.ApiError;

/** Writes an API.md error body from a plain servlet. */
final class JsonError {
    private static final Gson GSON = new Gson();

    private JsonError() {
    }

    static void send(HttpServletResponse response, int status, String code, String message) throws IOException {
        byte[] body = GSON.toJson(new ApiError(code, message)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
