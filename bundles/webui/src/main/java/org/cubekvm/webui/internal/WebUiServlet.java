package org.cubekvm.webui.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI: the files built from {@code web/} into this bundle's {@code webroot/}, served at
 * {@code /} as the default servlet (above the platform's JSON 404 servlet at ranking -1000).
 * Only files listed when the bundle starts are served, so no path can reach anything else
 * (no traversal, no directory listing); anything else is {@code sendError(404)}, which the
 * platform's error page answers as JSON.
 */
@Component(service = Servlet.class, property = "service.ranking:Integer=0")
@HttpWhiteboardServletPattern("/")
public class WebUiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.webui");
    static final String ROOT = "webroot";

    private final transient Map<String, URL> files = new ConcurrentHashMap<>();
    private final transient Map<String, StaticFile> loaded = new ConcurrentHashMap<>();

    @Activate
    void activate(BundleContext context) {
        Enumeration<URL> entries = context.getBundle().findEntries(ROOT, "*", true);
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = url.getPath();
            if (!path.endsWith("/")) {
                files.put(path.substring(path.indexOf(ROOT) + ROOT.length()), url);
            }
        }
        if (!files.containsKey("/index.html")) {
            LOG.warn("the bundle has no {}/index.html; the web UI was not built into it", ROOT);
        }
    }

    /** For tests: serve the given files. */
    void addFile(String path, URL url) {
        files.put(path, url);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(405);
            return;
        }
        String path = StaticPaths.normalize(request.getServletPath(), request.getPathInfo());
        URL url = path == null ? null : files.get(path);
        if (url == null) {
            response.sendError(404);
            return;
        }
        StaticFile file = loaded.computeIfAbsent(path, p -> StaticFile.load(p, url));
        if (file == null) {
            loaded.remove(path);
            response.sendError(404);
            return;
        }
        file.writeHeaders(response);
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && StaticFile.etagMatches(ifNoneMatch, file.etag())) {
            response.setStatus(304);
            return;
        }
        response.setStatus(200);
        response.setContentLength(file.bytes().length);
        if ("GET".equals(method)) {
            response.getOutputStream().write(file.bytes());
        }
    }
}
