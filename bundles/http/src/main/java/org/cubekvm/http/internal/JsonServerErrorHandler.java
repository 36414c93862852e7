package org.cubekvm.http.internal;

import java.nio.ByteBuffer;
import org.cubekvm.api.rest.ApiError;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before any servlet context is involved (an unparseable URI, oversized
 * headers, a bad HTTP line) in the API.md shape instead of Jetty's HTML page.
 */
final class JsonServerErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object attribute = request.getAttribute(ErrorHandler.ERROR_STATUS);
        int status = attribute instanceof Integer code ? code : response.getStatus();
        if (status < 400) {
            status = 500;
        }
        byte[] body = new ApiError(ErrorCodes.forStatus(status), ErrorCodes.sentenceForStatus(status)).toJson();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
