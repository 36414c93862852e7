package org.cubekvm.launcher;

/** The innermost message of an exception chain, on one line. */
final class OneLine {
    private OneLine() {
    }

    static String of(Throwable throwable) {
        Throwable cause = throwable;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        return message.replaceAll("\\s*\\n\\s*", " ");
    }
}
