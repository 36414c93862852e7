package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StunTest {
    /** RFC 5769 §2.1, Sample Request (username "evtj:h6vY", password "VOkJxbRl1RmTxUk/WvJxBt"). */
    static final byte[] SAMPLE_REQUEST = HexFormat.of().parseHex(
            "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e20746573"
            + "7420636c69656e74002400046e0001ff80290008932ff9b151263b3600060009"
            + "6576746a3a6836765920202000080014"
            + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf");
    static final HmacSha1 KEY = new HmacSha1("VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8));

    @Test
    void rfc5769SampleRequestChecksOut() {
        Stun stun = new Stun();
        byte[] request = SAMPLE_REQUEST.clone();
        assertTrue(stun.parse(request, request.length));
        assertEquals(Stun.BINDING_REQUEST, stun.type);
        assertEquals("evtj", stun.usernameLocalPart(request));
        assertTrue(stun.usernameStartsWith(request, "evtj".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(stun.fingerprintValid(request));
        assertTrue(stun.integrityValid(request, KEY));
        assertFalse(stun.useCandidate);
        // the check leaves the message as it was
        assertEquals(HexFormat.of().formatHex(SAMPLE_REQUEST), HexFormat.of().formatHex(request));
    }

    @Test
    void aWrongPasswordOrAFlippedBitFails() {
        Stun stun = new Stun();
        byte[] request = SAMPLE_REQUEST.clone();
        assertTrue(stun.parse(request, request.length));
        assertFalse(stun.integrityValid(request, new HmacSha1("wrong".getBytes(StandardCharsets.UTF_8))));
        request[30] ^= 1; // inside SOFTWARE
        assertTrue(stun.parse(request, request.length));
        assertFalse(stun.fingerprintValid(request));
        assertFalse(stun.integrityValid(request, KEY));
    }

    @Test
    void truncatedOrLyingLengthsAreRejected() {
        Stun stun = new Stun();
        for (int len = 0; len < SAMPLE_REQUEST.length; len++) {
            assertFalse(stun.parse(SAMPLE_REQUEST.clone(), len), "length " + len);
        }
        byte[] lying = SAMPLE_REQUEST.clone();
        lying[3] = (byte) 0x5c;
        assertFalse(stun.parse(lying, lying.length));
    }

    /** RFC 5769 §2.2: the IPv4 response's XOR-MAPPED-ADDRESS for 192.0.2.1:32853 is 0001a147e112a643. */
    @Test
    void successResponseCarriesXorMappedAddressIntegrityAndFingerprint() throws Exception {
        Stun stun = new Stun();
        byte[] out = new byte[128];
        int n = stun.writeBindingSuccess(SAMPLE_REQUEST, out, InetAddress.getByName("192.0.2.1"), 32853, KEY);
        assertEquals(20 + 12 + 24 + 8, n);
        assertEquals("0101", HexFormat.of().formatHex(out, 0, 2));
        assertEquals("b7e7a701bc34d686fa87dfae", HexFormat.of().formatHex(out, 8, 20));
        assertEquals("00200008" + "0001a147e112a643", HexFormat.of().formatHex(out, 20, 32));
        Stun check = new Stun();
        assertTrue(check.parse(out, n));
        assertEquals(Stun.BINDING_SUCCESS, check.type);
        assertTrue(check.fingerprintValid(out));
        assertTrue(check.integrityValid(out, KEY));
    }

    @Test
    void ipv6MappedAddressIsXoredWithCookieAndTransaction() throws Exception {
        Stun stun = new Stun();
        byte[] out = new byte[128];
        // RFC 5769 §2.3: 2001:db8:1234:5678:11:2233:4455:6677 port 32853
        int n = stun.writeBindingSuccess(SAMPLE_REQUEST, out, InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"),
                32853, KEY);
        assertEquals("00200014" + "0002a147" + "0113a9faa5d3f179bc25f4b5bed2b9d9", HexFormat.of().formatHex(out, 20, 44));
        assertTrue(stun.parse(out, n));
        assertTrue(stun.fingerprintValid(out));
    }
}
