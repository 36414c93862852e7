package org.cubekvm.redfish.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.cubekvm.api.atx.AtxActions;
import org.cubekvm.api.atx.AtxButton;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.auth.SessionLogins;
import org.cubekvm.api.media.MediaStore;
import org.cubekvm.api.media.Medium;
import org.cubekvm.api.media.MediumMode;
import org.cubekvm.api.rest.ApiException;
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
 * {@code /redfish/v1}: the resources of {@link RedfishDocuments}, {@code ComputerSystem.Reset} through
 * the ATX bundle's {@link AtxActions} and {@code VirtualMedia.InsertMedia}/{@code EjectMedia}
 * through the {@link MediaStore}, both optional. The access guard authenticates (HTTP basic
 * under {@code /redfish}, or a session/token) and requires viewer to read and operator to act;
 * this servlet checks the role again where it acts. A reset answers 204 once the press was
 * accepted (it runs in the background). Errors use the platform's {@code {"error","message"}}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/redfish", "/redfish/*"})
public class RedfishServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.redfish");
    private static final int MAX_BODY_BYTES = 8 * 1024;

    private final transient String version;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile AtxActions atx;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile MediaStore media;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile SessionLogins logins;
    /** The URL the mounted image was inserted from (for {@code Image}); null when none or unknown. */
    private transient volatile String insertedFrom;

    @Activate
    public RedfishServlet(@Reference AccessGuard guard, BundleContext context) {
        this.version = Objects.requireNonNullElse(context.getProperty("cubekvm.version"), "dev");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuthenticatedUser user = user(request, response, Role.VIEWER);
        if (user == null) {
            return;
        }
        String path = path(request);
        JsonObject body = switch (path) {
            case "/redfish" -> {
                JsonObject versions = new JsonObject();
                versions.addProperty("v1", "/redfish/v1/");
                yield versions;
            }
            case RedfishDocuments.ROOT -> RedfishDocuments.serviceRoot(version);
            case RedfishDocuments.ROOT + "/Systems" -> RedfishDocuments.collection(RedfishDocuments.ROOT + "/Systems",
                    "#ComputerSystemCollection.ComputerSystemCollection", "Computer systems", RedfishDocuments.SYSTEM);
            case RedfishDocuments.SYSTEM -> {
                AtxActions panel = atx;
                yield RedfishDocuments.system(panel == null ? null : panel.leds().power());
            }
            case RedfishDocuments.ROOT + "/Managers" -> RedfishDocuments.collection(RedfishDocuments.ROOT + "/Managers",
                    "#ManagerCollection.ManagerCollection", "Managers", RedfishDocuments.MANAGER);
            case RedfishDocuments.MANAGER -> RedfishDocuments.manager(version);
            case RedfishDocuments.MEDIA -> media == null
                    ? RedfishDocuments.collection(RedfishDocuments.MEDIA, "#VirtualMediaCollection.VirtualMediaCollection",
                            "Virtual media")
                    : RedfishDocuments.collection(RedfishDocuments.MEDIA, "#VirtualMediaCollection.VirtualMediaCollection",
                            "Virtual media", RedfishDocuments.CD);
            case RedfishDocuments.CD -> {
                MediaStore store = media;
                if (store == null) {
                    yield null;
                }
                yield RedfishDocuments.virtualMedia(store.mounted(), insertedFrom);
            }
            case RedfishDocuments.SESSION_SERVICE -> RedfishDocuments.sessionService(logins != null);
            case RedfishDocuments.SESSIONS -> RedfishDocuments.collection(RedfishDocuments.SESSIONS,
                    "#SessionCollection.SessionCollection", "Sessions", sessionLinks(user));
            default -> path.startsWith(RedfishDocuments.SESSIONS + "/") ? session(user, path) : null;
        };
        if (body == null) {
            error(response, 404, "not_found", "No Redfish resource at " + path);
            return;
        }
        json(response, 200, body);
    }

    private String[] sessionLinks(AuthenticatedUser user) {
        SessionLogins current = logins;
        return current == null ? new String[0] : current.sessions(user).stream()
                .map(info -> RedfishDocuments.SESSIONS + "/" + info.id()).toArray(String[]::new);
    }

    /** The session at {@code path} when the caller may see it (its own, or any for an admin); else null. */
    private JsonObject session(AuthenticatedUser user, String path) {
        SessionLogins current = logins;
        String id = path.substring(RedfishDocuments.SESSIONS.length() + 1);
        if (current == null) {
            return null;
        }
        return current.sessions(user).stream().filter(info -> info.id().equals(id)).findFirst()
                .map(info -> RedfishDocuments.session(info.id(), info.username())).orElse(null);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuthenticatedUser user = user(request, response, Role.VIEWER);
        if (user == null) {
            return;
        }
        String path = path(request);
        SessionLogins current = logins;
        if (!path.startsWith(RedfishDocuments.SESSIONS + "/") || current == null) {
            error(response, 404, "not_found", "No Redfish resource to delete at " + path);
            return;
        }
        String id = path.substring(RedfishDocuments.SESSIONS.length() + 1);
        if (id.length() > 64 || !current.logout(user, id)) {
            error(response, 404, "not_found", "There is no session " + abbreviate(id) + " of yours");
            return;
        }
        LOG.info("redfish: {} ended session {}", user.username(), id);
        response.setStatus(204);
    }

    /** {@code POST …/SessionService/Sessions}: a login with {@code UserName} and {@code Password}. */
    private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SessionLogins current = logins;
        if (current == null) {
            error(response, 503, "unavailable", "Sessions cannot be made now (access control is not running)");
            return;
        }
        JsonObject body;
        try {
            body = body(request);
        } catch (IllegalArgumentException e) {
            error(response, 400, "bad_request", e.getMessage());
            return;
        }
        String username = string(body, "UserName");
        String password = string(body, "Password");
        if (username == null || password == null) {
            error(response, 400, "bad_value", "The body must be {\"UserName\":\"…\",\"Password\":\"…\"}");
            return;
        }
        SessionLogins.Created created;
        try {
            created = current.login(request.getRemoteAddr(), username, password);
        } catch (ApiException e) {
            error(response, e.status(), e.code(), e.getMessage());
            return;
        }
        String location = RedfishDocuments.SESSIONS + "/" + created.id();
        response.setHeader("X-Auth-Token", created.token());
        response.setHeader("Location", location);
        LOG.info("redfish: {} logged in (session {})", created.user().username(), created.id());
        json(response, 201, RedfishDocuments.session(created.id(), created.user().username()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (path(request).equals(RedfishDocuments.SESSIONS)) {
            // The guard lets this one through without credentials: it is the login.
            login(request, response);
            return;
        }
        AuthenticatedUser user = user(request, response, Role.OPERATOR);
        if (user == null) {
            return;
        }
        String path = path(request);
        JsonObject body;
        try {
            body = body(request);
        } catch (IllegalArgumentException e) {
            error(response, 400, "bad_request", e.getMessage());
            return;
        }
        try {
            switch (path) {
                case RedfishDocuments.RESET -> reset(user, body, response);
                case RedfishDocuments.INSERT -> insert(user, body, response);
                case RedfishDocuments.EJECT -> eject(user, response);
                default -> error(response, 404, "not_found", "No Redfish action at " + path);
            }
        } catch (ApiException e) {
            error(response, e.status(), e.code(), e.getMessage());
        }
    }

    private void reset(AuthenticatedUser user, JsonObject body, HttpServletResponse response) throws IOException {
        AtxActions panel = atx;
        if (panel == null) {
            error(response, 503, "atx_unavailable", "No ATX service is running, so the system cannot be reset");
            return;
        }
        String name = string(body, "ResetType");
        ResetType type = ResetType.named(name);
        if (type == null) {
            error(response, 400, "bad_value", "ResetType must be one of On, ForceOff, GracefulShutdown, ForceRestart,"
                    + " PushPowerButton; was " + (name == null ? "missing" : "'" + abbreviate(name) + "'"));
            return;
        }
        ResetType.Press press = type.press(panel.leds().power());
        boolean started = switch (press) {
            case NOTHING -> true;
            case POWER_SHORT -> panel.start(AtxButton.POWER, false, "redfish:" + user.username());
            case POWER_HOLD -> panel.start(AtxButton.POWER, true, "redfish:" + user.username());
            case RESET -> panel.start(AtxButton.RESET, false, "redfish:" + user.username());
        };
        if (!started) {
            error(response, 409, "busy", "Another power or reset action is running; try again when it ended");
            return;
        }
        LOG.info("redfish: {} asked for {} ({})", user.username(), type, press);
        response.setStatus(204);
    }

    private void insert(AuthenticatedUser user, JsonObject body, HttpServletResponse response) throws IOException {
        MediaStore store = media;
        if (store == null) {
            error(response, 503, "media_unavailable", "No virtual media service is running");
            return;
        }
        String image = string(body, "Image");
        if (image == null || image.isEmpty() || image.length() > 2048) {
            error(response, 400, "bad_value", "Image must be the URL of the image (1..2048 characters)");
            return;
        }
        URI url;
        try {
            url = new URI(image);
        } catch (URISyntaxException e) {
            error(response, 400, "bad_value", "Image is not a URL");
            return;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getPath() == null) {
            error(response, 400, "bad_value", "Image must be an http or https URL with a host and a file name");
            return;
        }
        String name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
        boolean writeProtected = !body.has("WriteProtected") || !body.get("WriteProtected").isJsonPrimitive()
                || body.get("WriteProtected").getAsBoolean();
        MediumMode mode = name.toLowerCase(Locale.ROOT).endsWith(".iso") ? MediumMode.CDROM : MediumMode.DISK;
        MediaInsertion.start(store, name, url, mode, writeProtected || mode == MediumMode.CDROM, image,
                from -> insertedFrom = from);
        LOG.info("redfish: {} inserts {} as {}", user.username(), url, name);
        response.setStatus(204);
    }

    private void eject(AuthenticatedUser user, HttpServletResponse response) throws IOException {
        MediaStore store = media;
        if (store == null) {
            error(response, 503, "media_unavailable", "No virtual media service is running");
            return;
        }
        Medium mounted = store.mounted();
        store.unmount();
        insertedFrom = null;
        LOG.info("redfish: {} ejected {}", user.username(), mounted == null ? "nothing" : mounted.name());
        response.setStatus(204);
    }

    private static AuthenticatedUser user(HttpServletRequest request, HttpServletResponse response, Role required)
            throws IOException {
        if (!(request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE) instanceof AuthenticatedUser user)) {
            error(response, 401, "unauthorized", "Send HTTP basic credentials, a session cookie or an API token");
            return null;
        }
        if (!user.role().includes(required)) {
            error(response, 403, "forbidden", "Role " + user.role().id() + " may not do this; it needs " + required.id());
            return null;
        }
        return user;
    }

    static String path(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static JsonObject body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("The body is longer than " + MAX_BODY_BYTES + " bytes");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("The body is longer than " + MAX_BODY_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            return new JsonObject();
        }
        try {
            JsonElement element = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!element.isJsonObject()) {
                throw new IllegalArgumentException("The body must be a JSON object");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("The body is not JSON");
        }
    }

    private static String string(JsonObject body, String name) {
        JsonElement value = body.get(name);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static void json(HttpServletResponse response, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("OData-Version", "4.0");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        byte[] bytes = new org.cubekvm.api.rest.ApiError(code, message).toJson();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("OData-Version", "4.0");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
