package org.cubekvm.itests;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Every endpoint the platform serves right now, read from the runtimes themselves (no hand-kept
 * list): the HTTP whiteboard's {@code HttpServiceRuntime} DTO (servlets and WebSockets, each
 * context's path + pattern) and the REST whiteboard's {@code JakartarsServiceRuntime} DTO (each
 * resource method). Read by reflection so the probe needs no compile-time view of either API.
 */
final class Endpoints {
    static final String HTTP_RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";

    /** One servlet path; {@code webSocket} when the servlet is a Jetty WebSocket servlet. */
    record ServletEndpoint(String path, boolean webSocket, String name) {
    }

    /** One REST resource method, with path parameters filled in ({@code x}). */
    record RestEndpoint(String method, String path) {
    }

    private Endpoints() {
    }

    static List<ServletEndpoint> servlets(BundleContext context) throws Exception {
        Platform.awaitService(context, HTTP_RUNTIME);
        ServiceReference<?> reference = context.getServiceReference(HTTP_RUNTIME);
        Object runtime = context.getService(reference);
        try {
            Object dto = call(runtime, "getRuntimeDTO");
            List<ServletEndpoint> result = new ArrayList<>();
            for (Object servletContext : array(field(dto, "servletContextDTOs"))) {
                String contextPath = (String) field(servletContext, "contextPath");
                for (Object servlet : array(field(servletContext, "servletDTOs"))) {
                    long serviceId = (Long) field(servlet, "serviceId");
                    boolean webSocket = isWebSocket(context, serviceId);
                    for (Object pattern : array(field(servlet, "patterns"))) {
                        String p = (String) pattern;
                        // Catch-alls: Jersey's own servlet (its resources are enumerated below), the web UI and the JSON 404.
                        if (p.equals("/") || p.endsWith("/*")) {
                            continue;
                        }
                        String path = (contextPath.equals("/") ? "" : contextPath) + p;
                        result.add(new ServletEndpoint(path, webSocket, (String) field(servlet, "name")));
                    }
                }
            }
            return result;
        } finally {
            context.ungetService(reference);
        }
    }

    static List<RestEndpoint> resources(BundleContext context) throws Exception {
        Platform.awaitService(context, Platform.JAKARTARS_RUNTIME);
        ServiceReference<?> reference = context.getServiceReference(Platform.JAKARTARS_RUNTIME);
        Object runtime = context.getService(reference);
        try {
            Object dto = call(runtime, "getRuntimeDTO");
            TreeSet<String> seen = new TreeSet<>();
            List<RestEndpoint> result = new ArrayList<>();
            List<Object> applications = new ArrayList<>();
            applications.add(field(dto, "defaultApplication"));
            applications.addAll(array(field(dto, "applicationDTOs")));
            for (Object application : applications) {
                if (application == null) {
                    continue;
                }
                for (Object resource : array(field(application, "resourceDTOs"))) {
                    for (Object method : array(field(resource, "resourceMethods"))) {
                        String verb = (String) field(method, "method");
                        String path = concrete((String) field(method, "path"));
                        if (verb != null && seen.add(verb + " " + path)) {
                            result.add(new RestEndpoint(verb, path));
                        }
                    }
                }
            }
            return result;
        } finally {
            context.ungetService(reference);
        }
    }

    /** {@code /api} + the method's path with every {@code {param}} (or {@code {param: regex}}) replaced by {@code x}. */
    static String concrete(String path) {
        String p = path.replaceAll("\\{[^}]*\\}", "x");
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return "/api" + p.replaceAll("/+$", "");
    }

    private static boolean isWebSocket(BundleContext context, long serviceId) throws Exception {
        ServiceReference<?>[] references = context.getAllServiceReferences(null, "(service.id=" + serviceId + ")");
        if (references == null) {
            return false;
        }
        Object servlet = context.getService(references[0]);
        try {
            for (Class<?> type = servlet == null ? null : servlet.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getName().endsWith("JettyWebSocketServlet")) {
                    return true;
                }
            }
            return false;
        } finally {
            context.ungetService(references[0]);
        }
    }

    private static Object call(Object target, String name) throws Exception {
        Method method = target.getClass().getMethod(name);
        method.setAccessible(true);
        return method.invoke(target);
    }

    private static Object field(Object target, String name) throws Exception {
        Field field = target.getClass().getField(name);
        return field.get(target);
    }

    private static List<Object> array(Object value) {
        List<Object> result = new ArrayList<>();
        if (value != null) {
            for (int i = 0; i < Array.getLength(value); i++) {
                result.add(Array.get(value, i));
            }
        }
        return result;
    }
}
