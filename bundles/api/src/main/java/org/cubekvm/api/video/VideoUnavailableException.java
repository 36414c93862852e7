package org.cubekvm.api.video;

/** The requested video function cannot work here; the message says why and what fixes it. */
public class VideoUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public VideoUnavailableException(String message) {
        super(message);
    }

    public VideoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
