package org.imageharvester.download;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves the hosts of listings and image links and hands the connection pool only globally reachable unicast
 * addresses: IPv4 outside the ranges the IANA IPv4 Special-Purpose Address Registry marks not globally reachable, IPv6
 * inside 2000::/3 outside its IETF and documentation ranges, and IPv6 forms that carry an IPv4 judged by that IPv4;
 * unless {@code download.allowHosts} names the host or holds the address, or the IPv4 inside it, in a range. As the
 * pool's resolver it judges every connection after DNS, IP literals and redirects included.
 */
public final class AddressGuard implements DnsResolver {

    /** The not-globally-reachable ranges of the IANA IPv4 Special-Purpose Address Registry, and multicast. */
    private static final List<Cidr> IPV4_NOT_GLOBAL = Cidr.all(
            "0.0.0.0/8",        // "this network"
            "10.0.0.0/8",       // private
            "100.64.0.0/10",    // shared address space (carrier-grade NAT)
            "127.0.0.0/8",      // loopback
            "169.254.0.0/16",   // link-local, cloud metadata services
            "172.16.0.0/12",    // private
            "192.0.0.0/24",     // IETF protocol assignments; its two anycast /32s serve no images either
            "192.0.2.0/24",     // documentation
            "192.88.99.0/24",   // deprecated 6to4 relay anycast
            "192.168.0.0/16",   // private
            "198.18.0.0/15",    // benchmarking
            "198.51.100.0/24",  // documentation
            "203.0.113.0/24",   // documentation
            "224.0.0.0/4",      // multicast
            "240.0.0.0/4");     // reserved, with the limited broadcast 255.255.255.255

    /** IPv6 global unicast: all that can pass; ::1, ::, fc00::/7, fe80::/10, fec0::/10, ff00::/8... lie outside. */
    private static final Cidr IPV6_GLOBAL = Cidr.parse("2000::/3");

    /**
     * The not-globally-reachable ranges of the IANA IPv6 Special-Purpose Address Registry inside 2000::/3. SRv6
     * 5f00::/16 and local-use NAT64 64:ff9b:1::/48 lie outside 2000::/3, so they are refused without a line here.
     */
    private static final List<Cidr> IPV6_NOT_GLOBAL = Cidr.all(
            "2001::/23",        // IETF protocol assignments (Teredo 2001::/32 is judged by its IPv4s first)
            "2001:db8::/32",    // documentation
            "3fff::/20");       // documentation (RFC 9637)

    /** IPv6 forms that carry IPv4 addresses, and the byte where each IPv4 sits. */
    private static final List<Carrier> CARRIERS = List.of(
            new Carrier(Cidr.parse("::ffff:0:0/96"), 12, false),     // IPv4-mapped
            new Carrier(Cidr.parse("::ffff:0:0:0/96"), 12, false),   // IPv4-translated (RFC 2765)
            new Carrier(Cidr.parse("::/96"), 12, false),             // IPv4-compatible, holding :: and ::1 too
            new Carrier(Cidr.parse("64:ff9b::/96"), 12, false),      // NAT64 well-known prefix
            new Carrier(Cidr.parse("2002::/16"), 2, false),          // 6to4
            new Carrier(Cidr.parse("2001::/32"), 4, false),          // Teredo server
            new Carrier(Cidr.parse("2001::/32"), 12, true));         // Teredo client, stored with its bits flipped

    private final DnsResolver dns;
    private Set<String> allowedNames = Set.of();
    private List<Cidr> allowedRanges = List.of();

    public AddressGuard() {
        this(SystemDefaultDnsResolver.INSTANCE);
    }

    AddressGuard(DnsResolver dns) {
        this.dns = dns;
    }

    /** Sets {@code download.allowHosts}: host names, addresses and CIDR ranges, separated by commas. */
    public void setAllowHosts(String allowHosts) {
        List<String> entries = Arrays.stream(allowHosts.split(",")).map(String::strip).filter(e ->
                !e.isEmpty()).toList();
        allowedRanges = entries.stream().filter(Cidr::looksLikeOne).map(Cidr::parse).toList();
        allowedNames = entries.stream().filter(e -> !Cidr.looksLikeOne(e)).map(e -> e.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = dns.resolve(host);
        if (addresses == null || addresses.length == 0) throw new UnknownHostException(host);
        if (allowedNames.contains(host.toLowerCase(Locale.ROOT))) return addresses;
        List<InetAddress> allowed = new ArrayList<>();
        for (InetAddress address : addresses) {
            if (isAllowed(address)) allowed.add(address);
        }
        if (allowed.isEmpty()) throw new AddressRefusedException("refused: " + host + " resolves to "
                + describe(addresses[0]) + ", which is not a public address (allow it with download.allowHosts)");
        return allowed.toArray(InetAddress[]::new);
    }

    /** The method HttpClient 5.5's connection operator calls; spelt out so the check never depends on a default. */
    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return dns.resolveCanonicalHostname(host);
    }

    /** True when an address is in an allowed range, or globally reachable unicast, or carries only IPv4s that are. */
    boolean isAllowed(InetAddress address) {
        return isAllowed(address.getAddress());
    }

    private boolean isAllowed(byte[] address) {
        for (Cidr range : allowedRanges) {
            // an IPv4 address also matches a range written as ::ffff:a.b.c.d/n
            if (range.contains(address) || address.length == 4 && range.contains(Cidr.mapped(address))) return true;
        }
        List<byte[]> inside = embeddedIpv4(address);
        if (!inside.isEmpty()) return inside.stream().allMatch(this::isAllowed);
        if (address.length == 4) return IPV4_NOT_GLOBAL.stream().noneMatch(range -> range.contains(address));
        return IPV6_GLOBAL.contains(address) && IPV6_NOT_GLOBAL.stream().noneMatch(range -> range.contains(address));
    }

    private static List<byte[]> embeddedIpv4(byte[] address) {
        return CARRIERS.stream().filter(carrier -> carrier.prefix().contains(address))
                .map(carrier -> carrier.ipv4(address)).toList();
    }

    private static String describe(InetAddress address) {
        List<byte[]> inside = embeddedIpv4(address.getAddress());
        if (inside.isEmpty()) return address.getHostAddress();
        return address.getHostAddress() + " (IPv4 " + inside.stream().map(AddressGuard::dotted)
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String dotted(byte[] ipv4) {
        return (ipv4[0] & 0xff) + "." + (ipv4[1] & 0xff) + "." + (ipv4[2] & 0xff) + "." + (ipv4[3] & 0xff);
    }

    /** A host that resolves only to addresses the harvester will not fetch from. Never retried. */
    static final class AddressRefusedException extends UnknownHostException {
        AddressRefusedException(String reason) {
            super(reason);
        }
    }

    /** An IPv6 prefix whose addresses hold an IPv4 address at byte {@code at}, bit-flipped when {@code inverted}. */
    private record Carrier(Cidr prefix, int at, boolean inverted) {

        byte[] ipv4(byte[] ipv6) {
            byte[] ipv4 = Arrays.copyOfRange(ipv6, at, at + 4);
            for (int i = 0; inverted && i < 4; i++) ipv4[i] = (byte) ~ipv4[i];
            return ipv4;
        }
    }

    /** An address range such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a range of one. */
    record Cidr(byte[] network, int bits) {

        static boolean looksLikeOne(String entry) {
            return entry.contains("/") || entry.contains(":") || entry.matches("[0-9.]+");
        }

        static List<Cidr> all(String... ranges) {
            return Arrays.stream(ranges).map(Cidr::parse).toList();
        }

        static Cidr parse(String range) {
            String[] parts = range.split("/");
            try {
                // a literal address: no DNS lookup happens here
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                // Java turns ::ffff:a.b.c.d into a.b.c.d; a range written in IPv6 must stay one
                if (parts[0].contains(":") && network.length == 4) network = mapped(network);
                int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (parts.length > 2 || bits < 0 || bits > network.length * 8) throw new NumberFormatException(range);
                return new Cidr(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("download.allowHosts: '" + range + "' is not an address or range",
                        e);
            }
        }

        static byte[] mapped(byte[] ipv4) {
            byte[] ipv6 = new byte[16];
            ipv6[10] = (byte) 0xff;
            ipv6[11] = (byte) 0xff;
            System.arraycopy(ipv4, 0, ipv6, 12, 4);
            return ipv6;
        }

        boolean contains(byte[] bytes) {
            if (bytes.length != network.length) return false;
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
            }
            return true;
        }
    }

}
