package org.imageharvester;

import java.net.InetAddress;
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
 * Resolves the hosts of image links, refusing those that resolve only to loopback, private, link-local, CGNAT,
 * multicast or unspecified addresses, so a listing cannot point the harvester at the machine's own network. It sits
 * in the HTTP client's connection pool, so every connection is checked after DNS, redirects included. Hosts and
 * ranges in {@code download.allowHosts} (names, addresses or CIDR ranges) are let through.
 */
public final class AddressGuard implements DnsResolver {

    private static final List<Cidr> NOT_PUBLIC = Cidr.all("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128",
            "fc00::/7", "fe80::/10", "ff00::/8");

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
        List<String> entries = Arrays.stream(allowHosts.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
        allowedRanges = entries.stream().filter(Cidr::looksLikeOne).map(Cidr::parse).toList();
        allowedNames = entries.stream().filter(e -> !Cidr.looksLikeOne(e)).map(e -> e.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = dns.resolve(host);
        if (allowedNames.contains(host.toLowerCase(Locale.ROOT))) return addresses;
        List<InetAddress> allowed = new ArrayList<>();
        for (InetAddress address : addresses) {
            if (isAllowed(address)) allowed.add(address);
        }
        if (allowed.isEmpty()) throw new AddressRefusedException("refused: " + host + " resolves to "
                + addresses[0].getHostAddress() + ", which is not a public address (allow it with download.allowHosts)");
        return allowed.toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return dns.resolveCanonicalHostname(host);
    }

    /** True when an address is public, or in an allowed range. */
    boolean isAllowed(InetAddress address) {
        for (Cidr range : allowedRanges) {
            if (range.contains(address)) return true;
        }
        for (Cidr range : NOT_PUBLIC) {
            if (range.contains(address)) return false;
        }
        return true;
    }

    /** A host that resolves only to addresses the harvester will not fetch from. Never retried. */
    static final class AddressRefusedException extends UnknownHostException {
        AddressRefusedException(String reason) {
            super(reason);
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
                return new Cidr(network, parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("download.allowHosts: '" + range + "' is not an address or range", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) return false;
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
            }
            return true;
        }
    }

}
