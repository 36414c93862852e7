package org.cubekvm.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressesTest {
    @ParameterizedTest(name = "{0} counts as {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1 | 127.0.0.1",
        "198.51.100.7 | 198.51.100.7",
        "2001:db8:1:2:3:4:5:6 | 20010db800010002::/64",
        "2001:db8:1:2:ffff:ffff:ffff:ffff | 20010db800010002::/64",
        "[2001:db8:1:2::9] | 20010db800010002::/64",
        "fe80::1%eth0 | fe80000000000000::/64",
        "0:0:0:0:0:0:0:1 | 0000000000000000::/64",
        "::ffff:198.51.100.7 | 198.51.100.7",
        "not-an-address | not-an-address",
    })
    void keys(String address, String expected) {
        assertEquals(expected, ClientAddresses.limitKey(address));
    }
}
