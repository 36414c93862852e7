package org.cubekvm.console.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.rest.RestConstants;
import org.cubekvm.api.ui.UiExtension;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /api/platform/ui/extensions}: the toolbar buttons bundles contribute ({@link UiExtension}). */
@Component(service = UiExtensionsResource.class)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("platform/ui/extensions")
@Produces(MediaType.APPLICATION_JSON)
public class UiExtensionsResource {
    /** One element of the list. */
    record Extension(String id, String label, String module) {
    }

    private final List<UiExtension> extensions = new CopyOnWriteArrayList<>();
    /** Fail closed: this resource exists only while access control does. */
    @Reference
    private AccessGuard guard;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addExtension(UiExtension extension) {
        extensions.add(extension);
    }

    void removeExtension(UiExtension extension) {
        extensions.remove(extension);
    }

    @GET
    public List<Extension> list() {
        List<Extension> result = new ArrayList<>();
        for (UiExtension extension : extensions) {
            try {
                String id = extension.id();
                String label = extension.label();
                String module = extension.module();
                // A malformed extension is left out rather than handed to every browser.
                if (id != null && id.matches("[a-z0-9.-]{1,64}") && label != null && !label.isBlank() && label.length() <= 32
                        && module != null && module.matches("/[A-Za-z0-9._/-]{1,200}") && !module.contains("..")) {
                    result.add(new Extension(id, label, module));
                }
            } catch (RuntimeException e) {
                // a failing extension contributes nothing
            }
        }
        return result;
    }
}
