package org.cubekvm.http.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cubekvm.common.servlet.JsonResponses;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;

/**
 * Errors raised outside Jersey (unknown paths, servlets calling {@code sendError}, uncaught
 * servlet exceptions) leave in the API.md shape instead of Jetty's HTML page.
 */
@Component(service = Servlet.class, property = HttpContexts.ALL_CONTEXTS)
@HttpWhiteboardServletErrorPage(errorPage = {"4xx", "5xx", "java.lang.Throwable"})
public class JsonErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null && status < 500) {
            status = 500;
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String sentence = ErrorCodes.sentenceForStatus(status);
        if (message instanceof String m && !m.isBlank() && status < 500 && isPlainSentence(m)) {
            sentence = m;
        }
        JsonResponses.sendError(response, status, ErrorCodes.forStatus(status), sentence);
    }

    /** Jetty's own messages are safe sentences; anything looking like a trace or a class name is not. */
    private static boolean isPlainSentence(String message) {
        return message.length() < 200 && !message.contains("Exception") && !message.contains("\n")
                && !message.contains("/") && !message.matches(".*[a-z]+\\.[a-z]+\\.[A-Z].*");
    }
}
