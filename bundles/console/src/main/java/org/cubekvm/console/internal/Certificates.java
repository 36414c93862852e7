package org.cubekvm.console.internal;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import org.cubekvm.api.rest.ApiException;

/** Parsing and naming X.509 certificates for the trust store. */
final class Certificates {
    /** Largest PEM accepted for one certificate. */
    static final int MAX_PEM_BYTES = 16 * 1024;

    private Certificates() {
    }

    /** @throws ApiException 400 naming what is wrong when the text is not exactly one PEM certificate */
    static X509Certificate parsePem(byte[] pem) {
        String text = new String(pem, java.nio.charset.StandardCharsets.US_ASCII).trim();
        String begin = "-----BEGIN CERTIFICATE-----";
        String end = "-----END CERTIFICATE-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from != 0 || to < 0 || to + end.length() != text.length()) {
            throw new ApiException(400, "bad_certificate",
                    "The body must be one PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_certificate", "The certificate's base64 is malformed");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new ApiException(400, "bad_certificate", "The body is not an X.509 certificate");
        }
    }

    static String toPem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate cannot be encoded", e);
        }
    }

    static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 of a certificate", e);
        }
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
