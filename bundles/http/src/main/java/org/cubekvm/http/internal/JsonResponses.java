package org.cubekvm.http.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cubekvm.api.rest.ApiError;

/** Writes the small JSON bodies the HTTP core answers with outside Jersey (errors, health). */
final class JsonResponses {
    private JsonResponses() {
    }

    /** The API.md error shape. */
    static byte[] error(String code, String message) {
        return new ApiError(code, message).toJson();
    }

    static void send(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
