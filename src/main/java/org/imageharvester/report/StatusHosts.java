package org.imageharvester.report;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.vertx.core.net.HostAndPort;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Judges a status page request's {@code Host} header: only the management server's own address and the names of
 * {@code status.hosts} are served, so a web page on another name cannot read the page through DNS rebinding (the
 * browser sends that page's name, never ours). Bound to loopback, {@code localhost}, {@code 127.0.0.1} and
 * {@code [::1]} are its own; bound to a wildcard address, every address of this machine's interfaces is. The port is
 * not judged: a port-mapped container is asked on another, and rebinding changes the name, never the port.
 */
public final class StatusHosts {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1?\\d?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");
    private static final Pattern NAME = Pattern.compile("[a-z0-9.-]+");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private String boundName;
    private InetAddress bound;
    private Set<String> names = Set.of();

    /** Sets {@code camel.management.host}: the address the management server listens on. */
    public void setHost(String host) throws UnknownHostException {
        this.boundName = host.strip().toLowerCase(Locale.ROOT);
        this.bound = InetAddress.getByName(host);
    }

    /** Sets {@code status.hosts}: further names (comma-separated) the page answers to, e.g. behind a proxy. */
    public void setNames(String list) {
        this.names = Arrays.stream(list.split(",")).map(n -> n.strip().toLowerCase(Locale.ROOT))
                .filter(n -> !n.isEmpty()).collect(Collectors.toSet());
    }

    /**
     * True when this request must not be answered: its {@code Host} header (HTTP/2's {@code :authority}) is missing
     * or names another host. (platform-http hands on neither as a header: they are read from Vert.x's request.)
     */
    public boolean refuses(Message request) {
        HostAndPort authority = request instanceof HttpMessage http ? http.getRequest().authority() : null;
        if (authority == null) return true;
        String host = authority.host();
        return !serves(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
    }

    /** True when a request whose {@code Host} header is this ({@code host} or {@code host:port}) may be answered. */
    public boolean serves(String header) {
        String host = header.strip().toLowerCase(Locale.ROOT);
        int colon = host.startsWith("[") ? host.indexOf("]:") + 1 : host.lastIndexOf(':');
        if (colon > 0 && !host.startsWith("[") && host.indexOf(':') != colon) colon = -1;
        if (colon > 0 && !PORT.matcher(host.substring(colon + 1)).matches()) return false;
        String name = colon > 0 ? host.substring(0, colon) : host;
        if (name.startsWith("[") && name.endsWith("]")) return address(name.substring(1, name.length() - 1));
        if (IPV4.matcher(name).matches()) return address(name);
        if (!NAME.matcher(name).matches()) return false;
        return names.contains(name) || name.equals(boundName) || name.equals("localhost") && (bound.isLoopbackAddress()
                || bound.isAnyLocalAddress());
    }

    // an IP literal is looked at without asking DNS
    private boolean address(String literal) {
        if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) return false;
        InetAddress asked;
        try {
            asked = InetAddress.getByName(literal);
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
        if (asked.equals(bound) || names.contains(asked.getHostAddress())) return true;
        if (bound.isLoopbackAddress()) return asked.isLoopbackAddress();
        return bound.isAnyLocalAddress() && own(asked);
    }

    private static boolean own(InetAddress asked) {
        try {
            for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (Collections.list(face.getInetAddresses()).contains(asked)) return true;
            }
        } catch (SocketException unreadable) {
            return asked.isLoopbackAddress();
        }
        return false;
    }
}
