package org.imageharvester.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;

import org.junit.jupiter.api.Test;

/** Which Host headers the status page answers, bound to loopback, to one address and to every address. */
class StatusHostsTest {

    @Test
    void bound_to_loopback_answers_loopback_names_and_the_listed_ones_only() throws Exception {
        StatusHosts hosts = hosts("127.0.0.1", "harvester.lan");
        for (String own : new String[] {"127.0.0.1:9876", "127.0.0.1", "localhost:9876", "Localhost", "[::1]:9876",
            "[::1]", "harvester.lan", "HARVESTER.LAN:8080"}) {
            assertTrue(hosts.serves(own), own);
        }
        for (String other : new String[] {"evil.example:9876", "evil.example", "127.0.0.1.evil.example",
            "localhost.evil.example", "10.1.2.3", "127.0.0.1:port", "127.0.0.1:9876:1", "::1", "[::1", "[::1]x",
            "localhost:9876@evil.example", "", " ", "harvester.lan.", "0x7f000001", "2130706433",
            "127.0.0.256", "127.0.0.1."}) {
            assertFalse(hosts.serves(other), other);
        }
    }

    @Test
    void bound_to_one_address_answers_that_address_and_not_localhost() throws Exception {
        StatusHosts hosts = hosts("192.0.2.7", "");
        assertTrue(hosts.serves("192.0.2.7:9876"));
        assertFalse(hosts.serves("localhost:9876"));
        assertFalse(hosts.serves("127.0.0.1:9876"));
        assertFalse(hosts.serves("192.0.2.8:9876"));
    }

    @Test
    void bound_to_every_address_answers_this_machines_addresses_and_localhost_but_no_other_name() throws Exception {
        StatusHosts hosts = hosts("0.0.0.0", "status.example");
        assertTrue(hosts.serves("127.0.0.1:9876"));
        assertTrue(hosts.serves("localhost:9876"));
        assertTrue(hosts.serves("status.example"));
        assertFalse(hosts.serves("evil.example:9876"));
        assertFalse(hosts.serves("192.0.2.7:9876"), "an address this machine does not have");
        for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(face.getInetAddresses())) {
                if (address instanceof Inet4Address) assertTrue(hosts.serves(address.getHostAddress() + ":9876"),
                        address.toString());
            }
        }
    }

    private static StatusHosts hosts(String bound, String names) throws Exception {
        StatusHosts hosts = new StatusHosts();
        hosts.setHost(bound);
        hosts.setNames(names);
        return hosts;
    }
}
