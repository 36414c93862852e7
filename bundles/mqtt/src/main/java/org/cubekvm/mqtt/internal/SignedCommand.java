package org.cubekvm.mqtt.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A fleet command as a JWS in compact serialization (RFC 7515): {@code BASE64URL(header) "."
 * BASE64URL(payload) "." BASE64URL(signature)}. The header names the algorithm ({@code alg}:
 * {@code ES256}, {@code ES384} or {@code RS256}, RFC 7518) and carries the signer's certificate
 * chain ({@code x5c}: standard base64 DER, signer first, at most {@value #MAX_CHAIN}); the payload
 * is the command's JSON exactly as signed. {@link #verify} checks the signature with the signer's
 * key; whether that signer is trusted is the console's trust store's decision (the caller asks
 * it). Nothing here is trusted before both checks passed.
 */
final class SignedCommand {
    static final int MAX_CHAIN = 8;
    private static final int MAX_PART_CHARS = 48 * 1024;
    /** JWS alg → the JDK's signature algorithm and the key type it needs (no "none", no HMAC). */
    private static final Map<String, String[]> ALGORITHMS = Map.of(
            "ES256", new String[] {"SHA256withECDSAinP1363Format", "EC"},
            "ES384", new String[] {"SHA384withECDSAinP1363Format", "EC"},
            "RS256", new String[] {"SHA256withRSA", "RSA"});

    /** Why a command was refused; {@code code} goes to the result topic. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private final String payload;
    private final List<X509Certificate> chain;

    private SignedCommand(String payload, List<X509Certificate> chain) {
        this.payload = payload;
        this.chain = chain;
    }

    /** The signed JSON (verified by {@link #verify}). */
    String payload() {
        return payload;
    }

    /** The signer's certificate first. */
    List<X509Certificate> chain() {
        return chain;
    }

    /** Whether the text looks like a JWS at all (a plain JSON command does not: it is unsigned). */
    static boolean isCompactJws(String text) {
        String trimmed = text.strip();
        return !trimmed.startsWith("{") && trimmed.chars().filter(c -> c == '.').count() == 2;
    }

    /** The payload of a JWS without checking anything, to echo a command's id in a refusal; null when unreadable. */
    static String unverifiedPayload(String text) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 3 || parts[1].length() > MAX_PART_CHARS) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Parses the JWS and verifies its signature with the key of the first certificate of its chain.
     *
     * @throws Refused {@code unsigned} (not a JWS), {@code bad_command} (malformed),
     *                 {@code bad_signature} (does not verify)
     */
    static SignedCommand verify(String text) throws Refused {
        String jws = text.strip();
        if (!isCompactJws(jws)) {
            throw new Refused("unsigned", "A fleet command must be signed: a JWS (RFC 7515, compact) with the signer's"
                    + " certificate chain in x5c");
        }
        String[] parts = jws.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.length() > MAX_PART_CHARS) {
                throw new Refused("bad_command", "Each part of the JWS must be 1.." + MAX_PART_CHARS + " characters");
            }
        }
        byte[] headerBytes = decode(parts[0], "header");
        byte[] payloadBytes = decode(parts[1], "payload");
        byte[] signature = decode(parts[2], "signature");
        JsonObject header;
        try {
            JsonElement element = JsonParser.parseString(new String(headerBytes, StandardCharsets.UTF_8));
            if (!element.isJsonObject()) {
                throw new Refused("bad_command", "The JWS header must be a JSON object");
            }
            header = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new Refused("bad_command", "The JWS header is not JSON");
        }
        if (header.has("crit")) {
            throw new Refused("bad_command", "The JWS header has 'crit' extensions, which this device does not understand");
        }
        JsonElement algElement = header.get("alg");
        String alg = algElement != null && algElement.isJsonPrimitive() ? algElement.getAsString() : null;
        String[] algorithm = alg == null ? null : ALGORITHMS.get(alg);
        if (algorithm == null) {
            throw new Refused("bad_command", "The JWS alg must be ES256, ES384 or RS256; was "
                    + (alg == null ? "missing" : "'" + MqttBridge.abbreviate(alg) + "'"));
        }
        List<X509Certificate> chain = chain(header.get("x5c"));
        PublicKey key = chain.get(0).getPublicKey();
        if (!algorithm[1].equals(key.getAlgorithm())) {
            throw new Refused("bad_signature", "The JWS alg " + alg + " does not fit the signer's " + key.getAlgorithm() + " key");
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(algorithm[0]);
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new Refused("bad_signature", "The command's signature does not verify with the key of "
                    + chain.get(0).getSubjectX500Principal().getName());
        }
        return new SignedCommand(new String(payloadBytes, StandardCharsets.UTF_8), chain);
    }

    private static List<X509Certificate> chain(JsonElement x5c) throws Refused {
        if (x5c == null || !x5c.isJsonArray() || x5c.getAsJsonArray().isEmpty() || x5c.getAsJsonArray().size() > MAX_CHAIN) {
            throw new Refused("bad_command", "The JWS header must carry x5c: the signer's certificate chain (1.."
                    + MAX_CHAIN + " base64 DER certificates, signer first)");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            JsonArray array = x5c.getAsJsonArray();
            for (JsonElement element : array) {
                if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
                    throw new Refused("bad_command", "x5c must hold base64 strings");
                }
                byte[] der = Base64.getDecoder().decode(element.getAsString());
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            throw new Refused("bad_command", "x5c holds something that is not a base64 DER X.509 certificate");
        }
        return List.copyOf(certificates);
    }

    private static byte[] decode(String part, String what) throws Refused {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new Refused("bad_command", "The JWS " + what + " is not base64url");
        }
    }
}
