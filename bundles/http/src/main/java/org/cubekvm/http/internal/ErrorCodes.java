package org.cubekvm.http.internal;

/** Machine codes and sentences for HTTP statuses that carry no message of their own. */
final class ErrorCodes {
    private ErrorCodes() {
    }

    static String forStatus(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 429 -> "rate_limited";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "error";
        };
    }

    static String sentenceForStatus(int status) {
        return switch (status) {
            case 400 -> "The request is malformed";
            case 401 -> "Authentication is required";
            case 403 -> "This request is not allowed";
            case 404 -> "There is nothing at this path";
            case 405 -> "This method is not allowed at this path";
            case 406 -> "The requested representation is not available";
            case 408 -> "The request did not arrive in time";
            case 409 -> "The request conflicts with the current state";
            case 413 -> "The request body is too large";
            case 415 -> "The request body's content type is not supported here";
            case 429 -> "Too many requests; try again later";
            case 431 -> "The request line or headers are larger than the server accepts";
            case 503 -> "The service is not available right now";
            default -> status >= 500 ? "The server failed to handle this request" : "The request failed";
        };
    }
}
