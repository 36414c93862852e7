package org.cubekvm.metrics.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.metrics.MetricsContributor;
import org.cubekvm.api.video.VideoCapture;
import org.cubekvm.common.servlet.JsonResponses;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: every {@link MetricsContributor}'s figures plus the platform's own, in the
 * OpenMetrics text format. Admin only (the access guard protects {@code /metrics}; this servlet
 * checks the role again where the figures are handed out). Exists only while the guard does.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(MetricsServlet.PATH)
public class MetricsServlet extends HttpServlet {
    static final String PATH = "/metrics";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.metrics");

    private final transient BundleContext context;
    private final transient List<MetricsContributor> contributors = new CopyOnWriteArrayList<>();
    private transient volatile VideoCapture capture;

    @Activate
    public MetricsServlet(@Reference AccessGuard guard, BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContributor(MetricsContributor contributor) {
        contributors.add(contributor);
    }

    void removeContributor(MetricsContributor contributor) {
        contributors.remove(contributor);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCapture(VideoCapture capture) {
        this.capture = capture;
    }

    void unsetCapture(VideoCapture capture) {
        if (this.capture == capture) {
            this.capture = null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE) instanceof AuthenticatedUser user)) {
            JsonResponses.sendError(response, 401, "unauthorized", "Log in first or send an admin API token");
            return;
        }
        if (!user.role().includes(Role.ADMIN)) {
            JsonResponses.sendError(response, 403, "forbidden", "Role " + user.role().id() + " may not read metrics; it needs admin");
            return;
        }
        // An admin's session or token, or an admin's token made for metrics only (scope metrics).
        if (!user.scope().allows("GET", PATH)) {
            JsonResponses.sendError(response, 403, "token_scope", "A token of scope " + user.scope().id() + " may not read metrics");
            return;
        }
        byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(ExpositionFormat.contentType(request.getHeader("Accept")));
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    String scrape() {
        OpenMetricsText out = new OpenMetricsText();
        PlatformFigures.write(out, context);
        VideoCapture video = capture;
        if (video != null) {
            VideoFigures.write(out, video.status());
        }
        for (MetricsContributor contributor : contributors) {
            try {
                contributor.collect(out);
            } catch (RuntimeException e) {
                LOG.warn("contributor {} failed; its figures are left out of this scrape: {}",
                        contributor.getClass().getName(), e.toString());
            }
        }
        return out.render();
    }
}
