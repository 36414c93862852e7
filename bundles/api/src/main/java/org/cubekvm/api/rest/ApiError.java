package org.cubekvm.api.rest;

/**
 * The body of every error response: {@code {"error": "<machine_code>", "message": "<sentence>"}}.
 *
 * @param error   machine-readable code, e.g. {@code "bad_request"}
 * @param message human sentence naming the field or the thing that was wrong
 */
public record ApiError(String error, String message) {
}
