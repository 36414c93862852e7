package org.cubekvm.hid.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.hid.KeyboardLayout;
import org.cubekvm.api.hid.KeyboardLayouts;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/hid/…}: paste, key combinations, settings, layouts and status. */
@Component(service = HidResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("hid")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HidResource {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.hid");

    /** Longest paste, in UTF-16 units (a larger text is 413). */
    static final int MAX_PASTE_CHARS = 64 * 1024;
    static final int DEFAULT_DELAY_MS = 20;
    static final int MAX_DELAY_MS = 1000;
    /** How long {@code /keys} holds a combination before releasing it. */
    static final int KEYS_HOLD_MS = 50;
    static final int KEYS_STEP_MS = 10;
    static final int MAX_KEY_NAMES = 14;

    @Reference
    private HidHub hub;
    /** Fail closed: this resource exists only while access control does. */
    @Reference
    private AccessGuard guard;

    record PasteRequest(String text, String layout, Integer delayMs) {
    }

    record KeysRequest(List<String> keys) {
    }

    record LayoutInfo(String id, String name) {
    }

    @GET
    @Path("status")
    public HidStatus status() {
        return hub.status();
    }

    @GET
    @Path("layouts")
    public List<LayoutInfo> layouts() {
        KeyboardLayouts all = requireLayouts();
        List<LayoutInfo> result = new ArrayList<>();
        for (String id : all.ids()) {
            KeyboardLayout layout = all.layout(id);
            if (layout != null) {
                result.add(new LayoutInfo(id, layout.displayName()));
            }
        }
        return result;
    }

    @GET
    @Path("settings")
    public HidSettings settings() {
        return hub.settings();
    }

    @PUT
    @Path("settings")
    public HidSettings updateSettings(HidSettings change) {
        if (change == null) {
            throw ApiException.badRequest("a JSON object with the settings to change is required");
        }
        if (change.layout() != null) {
            KeyboardLayouts all = requireLayouts();
            if (all.layout(change.layout()) == null) {
                throw ApiException.badRequest("layout " + Strings.quote(change.layout()) + " is not known; known layouts: "
                        + String.join(", ", all.ids()));
            }
        }
        return hub.updateSettings(change);
    }

    @POST
    @Path("paste")
    public Response paste(PasteRequest request) {
        if (request.text() == null) {
            throw ApiException.badRequest("text is required");
        }
        if (request.text().isEmpty()) {
            throw ApiException.badRequest("text must not be empty");
        }
        if (request.text().length() > MAX_PASTE_CHARS) {
            throw new ApiException(413, "too_large", "text is " + request.text().length()
                    + " characters long; at most " + MAX_PASTE_CHARS + " can be pasted at once");
        }
        int delay = request.delayMs() == null ? DEFAULT_DELAY_MS : request.delayMs();
        if (delay < 0 || delay > MAX_DELAY_MS) {
            throw ApiException.badRequest("delayMs must be 0.." + MAX_DELAY_MS + ", was " + delay);
        }
        String layoutId = request.layout() == null ? hub.settings().layout() : request.layout();
        KeyboardLayouts all = requireLayouts();
        KeyboardLayout layout = all.layout(layoutId);
        if (layout == null) {
            throw ApiException.badRequest("layout " + Strings.quote(layoutId) + " is not known; known layouts: "
                    + String.join(", ", all.ids()));
        }
        PastePlan plan;
        try {
            plan = PastePlan.of(layout, request.text());
        } catch (PastePlan.UntypeableException e) {
            int n = e.codePoints().size();
            throw new ApiException(422, "untypeable", "Layout " + layoutId + " cannot type " + n
                    + (n == 1 ? " character: " : " characters: ") + PastePlan.describe(e.codePoints()));
        }
        requireWriter();
        PasteJob job = hub.paster().submit(plan, delay);
        return Response.status(202).location(URI.create("/api/hid/paste/" + job.id())).entity(job.progress()).build();
    }

    @GET
    @Path("paste/{id}")
    public PasteJob.Progress pasteProgress(@PathParam("id") String id) {
        return job(id).progress();
    }

    @DELETE
    @Path("paste/{id}")
    public PasteJob.Progress cancelPaste(@PathParam("id") String id) {
        PasteJob job = job(id);
        job.cancel();
        return job.progress();
    }

    @POST
    @Path("keys")
    public Response keys(KeysRequest request) {
        List<String> names = request.keys();
        if (names == null || names.isEmpty()) {
            throw ApiException.badRequest("keys must name at least one key, e.g. [\"ControlLeft\",\"AltLeft\",\"Delete\"]");
        }
        if (names.size() > MAX_KEY_NAMES) {
            throw ApiException.badRequest("keys names " + names.size() + " keys; at most " + MAX_KEY_NAMES);
        }
        Set<String> unknown = new LinkedHashSet<>();
        List<Integer> usages = new ArrayList<>();
        int plainKeys = 0;
        for (String name : names) {
            int usage = KeyNames.usage(name);
            if (usage < 0) {
                unknown.add(Strings.quote(name));
            } else if (!usages.contains(usage)) {
                usages.add(usage);
                plainKeys += KeyNames.isModifier(usage) ? 0 : 1;
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("keys contains unknown key names: " + String.join(", ", unknown)
                    + "; use KeyboardEvent.code names such as ControlLeft, AltLeft, Delete, KeyA, F1");
        }
        if (plainKeys > 6) {
            throw ApiException.badRequest("keys holds " + plainKeys + " non-modifier keys; a keyboard report carries at most 6");
        }
        SinkWriter writer = requireWriter();
        try {
            pressAndRelease(writer, usages);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.releaseKeyboard();
            throw ApiException.unavailable("The key combination was interrupted; every key was released");
        }
        hub.inputSeen();
        LOG.info("pressed {}", names);
        return Response.noContent().build();
    }

    /** Presses the keys one after another (as a person does), holds them, then releases all. */
    private static void pressAndRelease(SinkWriter writer, List<Integer> usages) throws InterruptedException {
        int modifiers = 0;
        int slot = 2;
        byte[] report = new byte[HidMessages.KEYBOARD_REPORT_LENGTH];
        for (int usage : usages) {
            if (KeyNames.isModifier(usage)) {
                modifiers |= KeyNames.modifierBit(usage);
                report[0] = (byte) modifiers;
            } else {
                report[slot++] = (byte) usage;
            }
            if (!writer.offerKeyboard(report.clone())) {
                writer.releaseKeyboard();
                throw ApiException.unavailable("The keyboard is not accepting reports; every key was released");
            }
            Thread.sleep(KEYS_STEP_MS);
        }
        Thread.sleep(KEYS_HOLD_MS);
        writer.releaseKeyboard();
    }

    private PasteJob job(String id) {
        PasteJob job = hub.paster().job(id);
        if (job == null) {
            throw ApiException.notFound("There is no paste with id " + Strings.quote(id) + " (finished pastes are kept for a while, then forgotten)");
        }
        return job;
    }

    private KeyboardLayouts requireLayouts() {
        KeyboardLayouts all = hub.layouts();
        if (all == null) {
            throw ApiException.unavailable("No keyboard layouts are available (the keymap bundle is not running)");
        }
        return all;
    }

    private SinkWriter requireWriter() {
        SinkWriter writer = hub.writer();
        if (writer == null) {
            throw ApiException.unavailable("No keyboard is connected: there is no HID sink (virtual machine or USB gadget)");
        }
        return writer;
    }
}
