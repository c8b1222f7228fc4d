package org.imageharvester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    private final AddressGuard guard = new AddressGuard();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "224.0.0.1", "0.0.0.0", "255.255.255.255", "::1", "::",
            "fd00::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1"})
    void refuses_addresses_that_are_not_public(String address) throws Exception {
        assertFalse(guard.isAllowed(InetAddress.getByName(address)), address);
        UnknownHostException refused = assertThrows(UnknownHostException.class, () -> guard.resolve(address));
        assertTrue(refused.getMessage().contains("not a public address"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"})
    void lets_public_addresses_through(String address) throws Exception {
        assertTrue(guard.isAllowed(InetAddress.getByName(address)), address);
        assertArrayEquals(new InetAddress[] {InetAddress.getByName(address)}, guard.resolve(address));
    }

    @Test
    void lets_allowed_ranges_and_names_through() throws Exception {
        guard.setAllowHosts(" 10.0.0.0/8, 192.168.1.7 ,localhost");
        assertTrue(guard.isAllowed(InetAddress.getByName("10.200.0.9")));
        assertTrue(guard.isAllowed(InetAddress.getByName("192.168.1.7")));
        assertFalse(guard.isAllowed(InetAddress.getByName("192.168.1.8")));
        assertTrue(guard.resolve("localhost").length > 0);
        assertThrows(UnknownHostException.class, () -> guard.resolve("127.0.0.1"));
    }

    @Test
    void rejects_a_malformed_allow_list_entry() {
        assertThrows(IllegalArgumentException.class, () -> guard.setAllowHosts("10.0.0.0/x"));
    }
}
