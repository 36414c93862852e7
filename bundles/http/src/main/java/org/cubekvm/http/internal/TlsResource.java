package org.cubekvm.http.internal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET/PUT /api/auth/tls} (admin): the certificate HTTPS uses, and installing a user
 * certificate: {@code {"certificate": "<PEM chain>", "privateKey": "<PEM PKCS#8>"}} or
 * {@code {"pkcs12": "<base64>", "password": "..."}}. Invalid input is 400 and nothing changes.
 * The path stays under {@code /api/auth}; the guard (auth) lets only admins reach it, and the
 * mandatory {@link AccessGuard} reference keeps it away while the guard is absent.
 */
@Component(service = TlsResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
@Path("auth/tls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TlsResource {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.http");
    static final int MAX_FIELD_CHARS = 64 * 1024;

    @Reference
    private HttpsSetup https;
    @Reference
    private AccessGuard guard;

    record TlsRequest(String certificate, String privateKey, String pkcs12, String password) {
    }

    @GET
    public Map<String, Object> get() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("httpsPort", https.port());
        result.put("problem", https.problem());
        if (https.keystore().exists()) {
            try {
                result.put("certificate", https.keystore().info());
            } catch (IOException | GeneralSecurityException e) {
                LOG.warn("the TLS keystore cannot be read: {}", e.toString());
                result.put("certificate", null);
            }
        } else {
            result.put("certificate", null);
        }
        return result;
    }

    @PUT
    public Map<String, Object> install(TlsRequest body) {
        if (body == null) {
            throw ApiException.badRequest("The body must be {\"certificate\",\"privateKey\"} (PEM) or {\"pkcs12\",\"password\"}");
        }
        TlsKeystore.Replacement replacement;
        try {
            if (body.pkcs12() != null) {
                checkSize("pkcs12", body.pkcs12());
                byte[] der;
                try {
                    der = Base64.getMimeDecoder().decode(body.pkcs12());
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("Field 'pkcs12' must be base64");
                }
                replacement = TlsKeystore.fromPkcs12(der, body.password());
            } else {
                checkSize("certificate", body.certificate());
                checkSize("privateKey", body.privateKey());
                replacement = TlsKeystore.fromPem(body.certificate(), body.privateKey());
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid certificate: " + e.getMessage());
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw ApiException.badRequest("Invalid certificate: it is expired or not yet valid");
        } catch (GeneralSecurityException | IOException e) {
            throw ApiException.badRequest("Invalid certificate or key: " + e.getClass().getSimpleName());
        }
        try {
            https.keystore().install(replacement);
            if (https.port() > 0) {
                https.configureJetty();
            }
            LOG.info("a user certificate was installed ({})", replacement.leaf().getSubjectX500Principal());
            return get();
        } catch (IOException | GeneralSecurityException e) {
            LOG.error("installing the certificate failed: {}", e.toString());
            throw new ApiException(500, "storage_failed", "The certificate could not be stored");
        }
    }

    private static void checkSize(String field, String value) {
        if (value != null && value.length() > MAX_FIELD_CHARS) {
            throw new ApiException(413, "too_large", "Field '" + field + "' is larger than " + MAX_FIELD_CHARS + " characters");
        }
    }
}
