package org.cubekvm.console.internal;

/** A one-line reason for a failed bundle operation, without stack traces. */
final class BundleFailures {
    private BundleFailures() {
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        message = message.replace('\n', ' ');
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
