package org.cubekvm.http.internal;

/** Turns parser exceptions into a short sentence with the JSON path, without class names. */
final class JsonErrors {
    private JsonErrors() {
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return "unreadable input";
        }
        // Gson messages carry "at line L column C path $.field" and sometimes a documentation link.
        int link = message.indexOf("\nSee https");
        if (link >= 0) {
            message = message.substring(0, link);
        }
        // Fully qualified class names become simple names ("com.google.gson.JsonArray" → "JsonArray");
        // a leading "SomeException: " is dropped.
        message = message.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z]\\w*)", "$1").replaceAll("^\\w*Exception:\\s*", "");
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
