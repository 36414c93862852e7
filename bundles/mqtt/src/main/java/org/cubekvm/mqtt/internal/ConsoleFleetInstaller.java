package org.cubekvm.mqtt.internal;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.time.Instant;
import org.cubekvm.api.platform.BundleInstaller;
import org.cubekvm.api.rest.ApiException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs fleet commands through the console's {@link BundleInstaller}. A command is accepted only as
 * a {@link SignedCommand} whose signature verifies and whose signer chains to the console's trust
 * store (the same certificates and rules as a jar's signer), that names this device (or {@code *})
 * and has not expired; anything else is refused before any download, and nothing changes. Then
 * the jar is downloaded ({@link JarDownload}: http/https, no redirects, bounded in size and time)
 * and handed to the same all-or-nothing install as {@code POST /api/platform/bundles}, so a jar
 * that is unsigned, tampered with or signed by an untrusted key changes nothing either. Present
 * only while the console's installer is; holds no thread or connection while idle.
 */
@Component(service = FleetInstaller.class)
public class ConsoleFleetInstaller implements FleetInstaller {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.mqtt");
    private final BundleInstaller installer;

    @Activate
    public ConsoleFleetInstaller(@Reference BundleInstaller installer) {
        this.installer = installer;
    }

    @Override
    public String handle(String text, String deviceId) {
        String id = FleetCommand.idOf(text);
        FleetCommand command;
        String trustedBy;
        try {
            SignedCommand signed = SignedCommand.verify(text);
            trustedBy = installer.trustedSigner(signed.chain());
            command = FleetCommand.parse(signed.payload());
            command.checkFor(deviceId, Instant.now());
        } catch (SignedCommand.Refused e) {
            LOG.warn("mqtt: fleet command refused: {} ({})", e.getMessage(), e.code());
            return failure(id, e.code(), e.getMessage());
        } catch (ApiException e) {
            LOG.warn("mqtt: fleet command refused: {} ({})", e.getMessage(), e.code());
            return failure(id, e.code(), e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.warn("mqtt: fleet command refused: {}", e.getMessage());
            return failure(id, "bad_command", e.getMessage());
        }
        LOG.info("mqtt: fleet command {} signed by a key trusted through '{}': install from {}", command.id(), trustedBy,
                command.url());
        HttpURLConnection connection = null;
        try {
            connection = JarDownload.open(command.url());
            try (InputStream body = JarDownload.body(connection)) {
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
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
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
