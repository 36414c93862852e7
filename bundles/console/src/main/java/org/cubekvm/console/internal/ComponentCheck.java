package org.cubekvm.console.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * After a configuration change: waits (bounded) until the components of the PID run with the
 * new values, and reports the failure of any that could not activate with them — the components'
 * own validation, whose messages name the bad value.
 */
final class ComponentCheck {
    private static final long LIMIT_MILLIS = 10_000;
    private static final long POLL_MILLIS = 50;

    private final ServiceComponentRuntime scr;
    private final String pid;
    private final Map<String, Object> values;

    ComponentCheck(ServiceComponentRuntime scr, String pid, Map<String, Object> values) {
        this.scr = scr;
        this.pid = pid;
        this.values = values;
    }

    /** @return null when every component took the values (or none uses the PID), else why one refused them */
    String failure() {
        List<ComponentDescriptionDTO> users = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (Arrays.asList(description.configurationPid).contains(pid) && scr.isComponentEnabled(description)) {
                users.add(description);
            }
        }
        long deadline = System.nanoTime() + LIMIT_MILLIS * 1_000_000;
        while (true) {
            boolean settled = true;
            for (ComponentDescriptionDTO description : users) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (!applied(configuration.properties)) {
                        settled = false;
                    } else if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        return configuration.failure == null ? description.name + " could not activate with these values"
                                : firstLine(configuration.failure);
                    }
                }
            }
            if (settled || System.nanoTime() > deadline) {
                return null;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private boolean applied(Map<String, Object> properties) {
        for (Map.Entry<String, Object> value : values.entrySet()) {
            if (!ConfigResource.display(value.getValue()).equals(ConfigResource.display(properties.get(value.getKey())))) {
                return false;
            }
        }
        return true;
    }

    /** The exception's message without its stack: "java.lang.IllegalArgumentException: x must be …" → "x must be …". */
    private static String firstLine(String failure) {
        String line = failure.lines().filter(l -> l.startsWith("Caused by: ")).reduce((a, b) -> b)
                .map(l -> l.substring("Caused by: ".length())).orElse(failure.lines().findFirst().orElse(failure));
        int colon = line.indexOf(": ");
        return colon > 0 && line.substring(0, colon).matches("[\\w.$]+") ? line.substring(colon + 2) : line;
    }
}
