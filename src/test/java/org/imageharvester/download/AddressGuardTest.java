package org.imageharvester.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.imageharvester.TestServer;

/** The guard lets only globally reachable unicast through, judging IPv6 forms by the IPv4 they carry. */
class AddressGuardTest {

    private static final String REFUSAL = ", which is not a public address (allow it with download.allowHosts)";

    private final AddressGuard guard = new AddressGuard();

    @ParameterizedTest
    @ValueSource(strings = {
            // the not-globally-reachable ranges of the IANA IPv4 Special-Purpose Address Registry, and multicast
            "0.0.0.0", "0.255.255.255", "10.0.0.0", "10.255.255.255", "100.64.0.0", "100.127.255.255", "127.0.0.1",
            "127.255.255.254", "169.254.0.1", "169.254.169.254", "172.16.0.0", "172.31.255.255", "192.0.0.1",
            "192.0.0.255", "192.0.2.0", "192.0.2.255", "192.88.99.1", "192.88.99.255", "192.168.0.1",
            "192.168.255.255", "198.18.0.0", "198.19.255.255", "198.51.100.0", "198.51.100.255", "203.0.113.0",
            "203.0.113.255", "224.0.0.1", "239.255.255.255", "240.0.0.0", "255.255.255.254", "255.255.255.255",
            // IPv6 outside global unicast 2000::/3
            "::", "::1", "100::1", "100::ffff:ffff:ffff:ffff", "fc00::1", "fdff:ffff::1", "fe80::1", "febf::1",
            "fec0::1", "feff::1", "ff02::1", "ff0e::1", "1fff:ffff::1", "4000::1", "5f00::1", "5f00:ffff::1",
            // IPv6 inside 2000::/3 that the registry marks not globally reachable
            "2001:2::1", "2001:1ff:ffff::1", "2001:db8::1", "2001:db8:ffff::1", "3fff::1", "3fff:fff:ffff::1",
            // IPv6 forms carrying a loopback, private or reserved IPv4
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:0:127.0.0.1",
            "::ffff:0:192.168.1.1", "::127.0.0.1", "::10.0.0.1", "64:ff9b::127.0.0.1", "64:ff9b::192.168.1.1",
            "2002:7f00:1::1", "2002:c0a8:101::1", "2002:a9fe:a9fe::1",
            // Teredo: private server, loopback client (stored flipped: 127.0.0.1 is 80ff:fffe), or both
            "2001:0:c0a8:101::f7f7:fbfb", "2001:0:808:808::80ff:fffe", "2001:0:808:808::",
            // local-use NAT64 is refused whatever it carries
            "64:ff9b:1::808:808", "64:ff9b:1:ffff::808:808"})
    void refuses_addresses_that_are_not_globally_reachable(String text) throws Exception {
        InetAddress address = address(text);

        UnknownHostException refused = assertThrows(AddressGuard.AddressRefusedException.class,
                () -> guardResolving(address).resolve("images.test"));

        assertFalse(guard.isAllowed(address), text);
        assertTrue(refused.getMessage().startsWith("refused: images.test resolves to " + address.getHostAddress()),
                refused.getMessage());
        assertTrue(refused.getMessage().endsWith(REFUSAL), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // public IPv4, and the neighbours just outside each refused range
            "8.8.8.8", "93.184.216.34", "1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
            "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0",
            "191.255.255.255", "192.0.1.0", "192.0.3.0", "192.88.98.255", "192.88.100.0", "192.167.255.255",
            "192.169.0.0", "198.17.255.255", "198.20.0.0", "198.51.99.255", "198.51.101.0", "203.0.112.255",
            "203.0.114.0", "223.255.255.255",
            // global unicast IPv6, and the neighbours just outside each refused range
            "2606:4700::1111", "2a00:1450:4001::200e", "2000::1", "3ffe:ffff::1", "2001:200::1", "2001:db7:ffff::1",
            "2001:db9::1", "3fff:1000::1", "3ffe::1",
            // IPv6 forms carrying a public IPv4
            "::ffff:8.8.8.8", "::ffff:0:8.8.8.8", "::8.8.8.8", "64:ff9b::8.8.8.8", "2002:808:808::1",
            "2001:0:808:808::f7f7:fbfb"})
    void lets_globally_reachable_addresses_through(String text) throws Exception {
        InetAddress address = address(text);

        InetAddress[] resolved = guardResolving(address).resolve("images.test");

        assertTrue(guard.isAllowed(address), text);
        assertArrayEquals(new InetAddress[] {address}, resolved);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.1.2.3          | 10.1.2.3",
            "::ffff:127.0.0.1  | 0:0:0:0:0:ffff:7f00:1 (IPv4 127.0.0.1)",
            "64:ff9b::10.0.0.1 | 64:ff9b:0:0:0:0:a00:1 (IPv4 10.0.0.1)",
            "2002:c0a8:101::1  | 2002:c0a8:101:0:0:0:0:1 (IPv4 192.168.1.1)",
            "2001:0:808:808::80ff:fffe | 2001:0:808:808:0:0:80ff:fffe (IPv4 8.8.8.8, 127.0.0.1)"})
    void names_the_embedded_ipv4_it_judged(String text, String described) throws Exception {
        InetAddress address = address(text);

        UnknownHostException refused = assertThrows(UnknownHostException.class,
                () -> guardResolving(address).resolve("images.test"));

        assertEquals("refused: images.test resolves to " + described + REFUSAL, refused.getMessage());
    }

    @Test
    void refuses_a_name_whose_dns_answer_is_a_mapped_loopback_address() throws Exception {
        InetAddress mapped = Inet6Address.getByAddress("evil.test", mappedBytes(127, 0, 0, 1), -1);
        AddressGuard evil = guardResolving(mapped);

        UnknownHostException refused = assertThrows(AddressGuard.AddressRefusedException.class,
                () -> evil.resolve("evil.test"));
        UnknownHostException refusedForPort = assertThrows(AddressGuard.AddressRefusedException.class,
                () -> evil.resolve("evil.test", 80));

        assertEquals("refused: evil.test resolves to 0:0:0:0:0:ffff:7f00:1 (IPv4 127.0.0.1)" + REFUSAL,
                refused.getMessage());
        assertEquals(refused.getMessage(), refusedForPort.getMessage());
    }

    @Test
    void keeps_only_the_public_addresses_of_a_mixed_answer() throws Exception {
        InetAddress loopback = Inet6Address.getByAddress("mixed.test", mappedBytes(127, 0, 0, 1), -1);
        InetAddress cloudflare = InetAddress.getByName("2606:4700::1111");
        AddressGuard mixed = new AddressGuard(resolverOf(loopback, cloudflare));

        List<InetSocketAddress> reached = mixed.resolve("mixed.test", 443);

        assertEquals(List.of(new InetSocketAddress(cloudflare, 443)), reached);
    }

    @Test
    void lets_allowed_names_addresses_and_ranges_through() throws Exception {
        guard.setAllowHosts(" 10.0.0.0/8, 192.168.1.7 ,localhost, fd00::/8");

        assertTrue(guard.isAllowed(address("10.200.0.9")));
        assertTrue(guard.isAllowed(address("192.168.1.7")));
        assertFalse(guard.isAllowed(address("192.168.1.8")));
        assertTrue(guard.isAllowed(address("fd12::1")));
        assertFalse(guard.isAllowed(address("fc00::1")));
        assertTrue(guard.resolve("localhost").length > 0);
        assertThrows(UnknownHostException.class, () -> guard.resolve("127.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:0:127.0.0.1", "::127.0.0.1", "64:ff9b::127.0.0.1",
            "2002:7f00:1::1", "2001:0:7f00:1::80ff:fffe"})
    void lets_an_allowed_ipv4_in_through_the_ipv6_forms_that_carry_it(String text) throws Exception {
        InetAddress address = address(text);
        AddressGuard loopback = guardResolving(address);
        assertFalse(loopback.isAllowed(address), text);

        loopback.setAllowHosts("127.0.0.1");

        assertTrue(loopback.isAllowed(address), text);
        assertArrayEquals(new InetAddress[] {address}, loopback.resolve("images.test"));
    }

    @Test
    void lets_a_teredo_address_in_only_when_both_its_ipv4s_pass() throws Exception {
        guard.setAllowHosts("10.0.0.0/8");

        assertTrue(guard.isAllowed(address("2001:0:a00:1::f7f7:fbfb")), "allowed server, public client");
        assertFalse(guard.isAllowed(address("2001:0:a00:1::3f57:fefe")), "allowed server, client 192.168.1.1");
    }

    @Test
    void lets_an_ipv4_in_by_a_range_written_as_mapped_ipv6() throws Exception {
        guard.setAllowHosts("::ffff:10.0.0.0/104");

        assertTrue(guard.isAllowed(address("10.9.9.9")));
        assertTrue(guard.isAllowed(address("::ffff:10.9.9.9")));
        assertFalse(guard.isAllowed(address("192.168.1.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/x", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/8/8"})
    void rejects_a_malformed_allow_list_entry(String entry) {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> guard.setAllowHosts(entry));

        assertTrue(rejected.getMessage().contains("'" + entry + "'"), rejected.getMessage());
    }

    @Test
    void the_connection_pool_never_connects_to_a_name_that_resolves_to_a_mapped_loopback() throws Exception {
        try (TestServer server = new TestServer()) {
            server.serve("/cat.png", "image/png", new byte[] {1, 2, 3});
            String url = server.url("/cat.png").replace("127.0.0.1", "evil.test");
            AddressGuard evil = guardResolving(Inet6Address.getByAddress("evil.test", mappedBytes(127, 0, 0, 1), -1));

            UnknownHostException refused = assertThrows(UnknownHostException.class, () -> get(evil, url));

            assertTrue(refused.getMessage().contains("(IPv4 127.0.0.1)" + REFUSAL), refused.getMessage());
            assertEquals(0, server.hits("/cat.png"));
        }
    }

    @Test
    void the_connection_pool_reaches_the_mapped_address_once_it_is_allowed() throws Exception {
        try (TestServer server = new TestServer()) {
            server.serve("/cat.png", "image/png", new byte[] {1, 2, 3});
            String url = server.url("/cat.png").replace("127.0.0.1", "evil.test");
            AddressGuard evil = guardResolving(Inet6Address.getByAddress("evil.test", mappedBytes(127, 0, 0, 1), -1));
            evil.setAllowHosts("127.0.0.1");

            byte[] body = get(evil, url);

            assertArrayEquals(new byte[] {1, 2, 3}, body);
            assertEquals(1, server.hits("/cat.png"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "[::ffff:127.0.0.1]"})
    void the_connection_pool_judges_ip_literals_too(String literal) throws Exception {
        try (TestServer server = new TestServer()) {
            server.serve("/cat.png", "image/png", new byte[] {1, 2, 3});
            String url = server.url("/cat.png").replace("127.0.0.1", literal);

            UnknownHostException refused = assertThrows(UnknownHostException.class, () -> get(guard, url));

            assertTrue(refused.getMessage().endsWith(REFUSAL), refused.getMessage());
            assertEquals(0, server.hits("/cat.png"));
        }
    }

    /** GETs a URL through the harvester's own connection pool, resolved by the given guard. */
    private static byte[] get(AddressGuard guard, String url) throws Exception {
        GuardedConnections connections = new GuardedConnections();
        connections.setGuard(guard);
        connections.setPerHost(8);
        connections.setTotal(256);
        connections.setConnectTimeout(10_000);
        connections.setSocketTimeout(30_000);
        connections.setTotalTimeout(120_000);
        connections.setUserAgent("image-harvester-test");
        HttpClientBuilder builder = HttpClientBuilder.create().disableAutomaticRetries();
        connections.configureHttpClient(builder);
        try (CloseableHttpClient client = builder.build()) {
            return client.execute(new HttpGet(url), response -> EntityUtils.toByteArray(response.getEntity()));
        }
    }

    /** Parses an address literal (no DNS), keeping ::ffff:a.b.c.d an IPv6 address as a DNS answer can. */
    private static InetAddress address(String literal) throws UnknownHostException {
        InetAddress parsed = InetAddress.getByName(literal);
        if (literal.contains(":") && parsed instanceof Inet4Address) {
            byte[] ipv4 = parsed.getAddress();
            return Inet6Address.getByAddress(null, mappedBytes(ipv4[0], ipv4[1], ipv4[2], ipv4[3]), -1);
        }
        return parsed;
    }

    private static byte[] mappedBytes(int a, int b, int c, int d) {
        byte ff = (byte) 0xff;
        return new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ff, ff, (byte) a, (byte) b, (byte) c, (byte) d};
    }

    private static AddressGuard guardResolving(InetAddress address) {
        return new AddressGuard(resolverOf(address));
    }

    private static DnsResolver resolverOf(InetAddress... answer) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return answer.clone();
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }
}
