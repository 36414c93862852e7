package org.cubekvm.mjpeg.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cubekvm.api.rest.ApiError;

/** Sends an error in the shape of docs/api.md from a plain servlet (the body is {@link ApiError#toJson()}). */
final class JsonError {
    private JsonError() {
    }

    static void send(HttpServletResponse response, int status, String code, String message) throws IOException {
        byte[] body = new ApiError(code, message).toJson();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
