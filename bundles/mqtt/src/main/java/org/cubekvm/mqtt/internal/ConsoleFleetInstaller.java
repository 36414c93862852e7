package org.cubekvm.mqtt.internal;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.cubekvm.api.platform.BundleInstaller;
import org.cubekvm.api.rest.ApiException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs fleet commands through the console's {@link BundleInstaller}: downloads the jar (http/https,
 * no redirects, bounded by the console's 32 MiB) and hands it to the same all-or-nothing install as
 * {@code POST /api/platform/bundles}, so a jar that is unsigned, tampered with or signed by an
 * untrusted key changes nothing. Present only while the console's installer is.
 */
@Component(service = FleetInstaller.class)
public class ConsoleFleetInstaller implements FleetInstaller {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.mqtt");
    private final BundleInstaller installer;

    @Activate
    public ConsoleFleetInstaller(@Reference BundleInstaller installer) {
        this.installer = installer;
    }

    /**
     * A client per command: fleet commands are rare, and a JDK HttpClient built at activation loads
     * TLS, the JDK's CA certificates and a selector thread (~420 classes, ~1 MB of heap) on every
     * device whether or not a command ever comes.
     */
    private static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String handle(String payload) {
        FleetCommand command;
        try {
            command = FleetCommand.parse(payload);
        } catch (IllegalArgumentException e) {
            return failure(FleetCommand.idOf(payload), "bad_command", e.getMessage());
        }
        LOG.info("mqtt: fleet command: install from {}", command.url());
        try {
            HttpResponse<InputStream> response = newClient().send(HttpRequest.newBuilder(command.url())
                    .timeout(Duration.ofSeconds(120)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return failure(command.id(), "download_failed", "GET " + command.url() + " answered " + response.statusCode());
                }
                BundleInstaller.InstalledBundle installed = installer.install(body);
                LOG.info("mqtt: fleet install of {} {} done (id {})", installed.symbolicName(), installed.version(),
                        installed.id());
                JsonObject out = new JsonObject();
                out.addProperty("id", command.id());
                out.addProperty("ok", true);
                out.addProperty("symbolicName", installed.symbolicName());
                out.addProperty("version", installed.version());
                out.addProperty("bundleId", installed.id());
                out.addProperty("state", installed.state());
                return out.toString();
            }
        } catch (ApiException e) {
            LOG.warn("mqtt: fleet install from {} refused: {} ({})", command.url(), e.getMessage(), e.code());
            return failure(command.id(), e.code(), e.getMessage());
        } catch (IOException e) {
            return failure(command.id(), "download_failed", "GET " + command.url() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(command.id(), "interrupted", "The install was interrupted");
        }
    }

    private static String failure(String id, String code, String message) {
        JsonObject out = new JsonObject();
        out.addProperty("id", id);
        out.addProperty("ok", false);
        out.addProperty("error", code);
        out.addProperty("message", message);
        return out.toString();
    }
}
