package org.cubekvm.http.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.BaseDTO;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;

/**
 * Whether the Jakarta-RS whiteboard's runtime has taken in a set of resource and extension
 * services: each appears in an application (the default one or another) or as failed. osgitech
 * updates its runtime DTO only after it has registered the application's servlet and Jersey has
 * built (or rebuilt) the application with them, so "covered" means that a request to {@code /api}
 * reaches an application that knows every one of them.
 */
final class RestCoverage {
    private RestCoverage() {
    }

    /** @return whether every id in {@code serviceIds} is in {@code dto}; false without a DTO or an application */
    static boolean covers(RuntimeDTO dto, Collection<Long> serviceIds) {
        if (dto == null || dto.defaultApplication == null) {
            return false;
        }
        Set<Long> known = new HashSet<>();
        add(known, dto.defaultApplication);
        if (dto.applicationDTOs != null) {
            for (ApplicationDTO application : dto.applicationDTOs) {
                add(known, application);
            }
        }
        add(known, dto.failedResourceDTOs);
        add(known, dto.failedExtensionDTOs);
        return known.containsAll(serviceIds);
    }

    private static void add(Set<Long> known, ApplicationDTO application) {
        if (application != null) {
            add(known, application.resourceDTOs);
            add(known, application.extensionDTOs);
        }
    }

    private static void add(Set<Long> known, BaseDTO[] services) {
        if (services != null) {
            for (BaseDTO service : services) {
                known.add(service.serviceId);
            }
        }
    }
}
