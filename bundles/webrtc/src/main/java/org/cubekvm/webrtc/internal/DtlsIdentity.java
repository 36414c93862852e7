package org.cubekvm.webrtc.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The server's DTLS identity: an ECDSA P-256 key and a self-signed certificate, made once per
 * activation, on the first offer (WebRTC authenticates by the fingerprint in the SDP, not by a CA).
 * The key is made and the certificate signed by the handshake's own classes
 * ({@link DtlsHandshake#newIdentity()}, on BouncyCastle, in the {@link DtlsClassLoader}), so neither
 * leaves a class behind when those are unloaded; the JDK's EC classes, which would stay for the JVM's
 * life, are not used. This class writes the certificate's few DER fields.
 *
 * @param certificateDer the certificate, DER
 * @param privateKey     its key: the P-256 private scalar, 32 bytes big-endian
 * @param fingerprint    SHA-256 of the certificate as SDP writes it (upper-case hex, colons)
 */
public record DtlsIdentity(byte[] certificateDer, byte[] privateKey, String fingerprint) {
    /** ecdsa-with-SHA256 (1.2.840.10045.4.3.2) as an AlgorithmIdentifier. */
    private static final byte[] ECDSA_WITH_SHA256 = HexFormat.of().parseHex("300a06082a8648ce3d040302");
    /**
     * SubjectPublicKeyInfo of a P-256 key up to its point: SEQUENCE { SEQUENCE { id-ecPublicKey,
     * prime256v1 }, BIT STRING (66 bytes: no unused bits, then the 65-byte uncompressed point) }.
     */
    private static final byte[] P256_PUBLIC_KEY_PREFIX =
            HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
    private static final int P256_POINT_BYTES = 65;
    /** The length of {@link #privateKey()}: a P-256 private scalar, big-endian. */
    public static final int P256_SCALAR_BYTES = 32;
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT);

    /**
     * A self-signed certificate (v3, CN=cubekvm-webrtc, valid from a day ago for 30 days) for a P-256 key.
     *
     * @param publicPoint the public key, an uncompressed point (0x04, X, Y)
     * @param signer      ECDSA with SHA-256 by the private key: the bytes to sign in, the
     *                    ECDSA-Sig-Value (DER) out
     * @param privateKey  the private scalar, 32 bytes big-endian, kept for the handshakes
     * @param random      for the serial number
     */
    public static DtlsIdentity selfSigned(byte[] publicPoint, UnaryOperator<byte[]> signer, byte[] privateKey, Random random) {
        if (publicPoint.length != P256_POINT_BYTES || publicPoint[0] != 0x04 || privateKey.length != P256_SCALAR_BYTES) {
            throw new IllegalArgumentException("webrtc: not a P-256 key pair");
        }
        byte[] publicKeyInfo = new byte[P256_PUBLIC_KEY_PREFIX.length + P256_POINT_BYTES];
        System.arraycopy(P256_PUBLIC_KEY_PREFIX, 0, publicKeyInfo, 0, P256_PUBLIC_KEY_PREFIX.length);
        System.arraycopy(publicPoint, 0, publicKeyInfo, P256_PUBLIC_KEY_PREFIX.length, P256_POINT_BYTES);
        byte[] name = name("cubekvm-webrtc");
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] tbs = der(0x30,
                der(0xA0, der(0x02, new byte[] {2})), // [0] version v3
                der(0x02, new BigInteger(63, random).add(BigInteger.ONE).toByteArray()), // serial number
                ECDSA_WITH_SHA256,
                name, // issuer
                der(0x30, utcTime(now.minusDays(1)), utcTime(now.plusDays(30))), // validity
                name, // subject
                publicKeyInfo);
        byte[] signature = signer.apply(tbs); // ECDSA-Sig-Value, DER
        byte[] bits = new byte[signature.length + 1]; // BIT STRING: no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] der = der(0x30, tbs, ECDSA_WITH_SHA256, der(0x03, bits));
        return new DtlsIdentity(der, privateKey.clone(), fingerprint(der));
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
