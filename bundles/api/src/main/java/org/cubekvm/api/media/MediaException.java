package org.cubekvm.api.media;

/**
 * A media operation was refused; nothing was changed. {@link #code()} is the API error code and
 * {@link #status()} the HTTP status a REST caller answers with.
 */
public class MediaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public MediaException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
