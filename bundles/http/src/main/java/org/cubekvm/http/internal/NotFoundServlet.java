package org.cubekvm.http.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The default servlet of last resort: a path nothing else serves is a JSON 404 (the web UI
 * registers a higher-ranked default servlet for its files).
 */
@Component(service = Servlet.class, property = "service.ranking:Integer=-1000")
@HttpWhiteboardServletPattern("/")
public class NotFoundServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(404);
    }
}
