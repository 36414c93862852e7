package org.cubekvm.api.media;

/**
 * An upload or download into the store, while it runs and for a while after it ended.
 *
 * @param id       opaque id
 * @param name     the image name it will have
 * @param source   {@code "upload"} or the URL downloaded from
 * @param bytes    bytes received so far
 * @param total    bytes expected, or -1 when unknown
 * @param state    {@code "running"}, {@code "done"} or {@code "failed"}
 * @param error    why it failed ({@code {"error","message"}} codes), or null
 * @param message  the failure in a sentence, or null
 */
public record Transfer(String id, String name, String source, long bytes, long total, String state, String error,
        String message) {
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
}
