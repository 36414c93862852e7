package org.cubekvm.webrtc.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The server's DTLS identity: an ECDSA P-256 key and a self-signed certificate, made once per
 * activation, on the first offer (WebRTC authenticates by the fingerprint in the SDP, not by a CA).
 * Only the JDK is used (SunEC; the certificate's few DER fields are written here), so the first
 * offer loads no BouncyCastle class: that happens on the session's DTLS thread, which starts with
 * the offer and so loads the TLS classes while the answer travels and ICE runs.
 *
 * @param certificateDer the certificate, DER
 * @param privateKey     its key, for the JCA signer of the DTLS server
 * @param fingerprint    SHA-256 of the certificate as SDP writes it (upper-case hex, colons)
 */
public record DtlsIdentity(byte[] certificateDer, PrivateKey privateKey, String fingerprint) {
    /** ecdsa-with-SHA256 (1.2.840.10045.4.3.2) as an AlgorithmIdentifier. */
    private static final byte[] ECDSA_WITH_SHA256 = HexFormat.of().parseHex("300a06082a8648ce3d040302");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT);

    static DtlsIdentity generate() {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = generator.generateKeyPair();
            byte[] name = name("cubekvm-webrtc");
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            byte[] tbs = der(0x30,
                    der(0xA0, der(0x02, new byte[] {2})), // [0] version v3
                    der(0x02, new BigInteger(63, random).add(BigInteger.ONE).toByteArray()), // serial number
                    ECDSA_WITH_SHA256,
                    name, // issuer
                    der(0x30, utcTime(now.minusDays(1)), utcTime(now.plusDays(30))), // validity
                    name, // subject
                    keys.getPublic().getEncoded()); // SubjectPublicKeyInfo, DER already
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign(); // ECDSA-Sig-Value, DER
            byte[] bits = new byte[signature.length + 1]; // BIT STRING: no unused bits
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] der = der(0x30, tbs, ECDSA_WITH_SHA256, der(0x03, bits));
            return new DtlsIdentity(der, keys.getPrivate(), fingerprint(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("webrtc: could not make the DTLS certificate: " + e.getMessage(), e);
        }
    }

    /** Name ::= SEQUENCE { SET { SEQUENCE { commonName, UTF8String } } }. */
    private static byte[] name(String commonName) {
        byte[] cn = HexFormat.of().parseHex("0603550403"); // OID 2.5.4.3
        return der(0x30, der(0x31, der(0x30, cn, der(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] utcTime(ZonedDateTime time) {
        return der(0x17, UTC_TIME.format(time).getBytes(StandardCharsets.US_ASCII));
    }

    /** One DER element: tag, definite length, the parts' bytes concatenated. */
    static byte[] der(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 4);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        }
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("webrtc: this JVM has no SHA-256", e);
        }
    }

    static String fingerprint(byte[] der) {
        return HexFormat.ofDelimiter(":").formatHex(sha256(der)).toUpperCase(Locale.ROOT);
    }
}
