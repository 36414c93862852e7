package org.cubekvm.common.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cubekvm.api.rest.ApiError;

/**
 * Sends a small JSON body from a plain servlet or filter (outside Jersey), most often an error in
 * the shape of docs/api.md ({@link ApiError#toJson()}): one place for the status, the headers and
 * the length, so every bundle answers alike.
 */
public final class JsonResponses {
    private JsonResponses() {
    }

    /** {@code {"error":code,"message":message}} with {@code status}. */
    public static void sendError(HttpServletResponse response, int status, String code, String message) throws IOException {
        send(response, status, new ApiError(code, message).toJson());
    }

    /** A UTF-8 JSON body, not cached. */
    public static void send(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
