package org.imageharvester.values;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a source's request headers may go: the scheme, host and port of its {@code url}, and the hosts its
 * {@code headerHosts} names (same scheme), nowhere else. A request of the source's pages travels with its scope as a
 * {@link #MARK} header, which {@link ScopedHeaders} reads on every hop (a next page, a redirect) and takes off.
 *
 * @param source the source's name, for the reason given when a request is refused
 * @param names the names of the source's headers
 * @param origins {@code scheme://host:port} of each place the headers may go
 */
public record HeaderScope(String source, Set<String> names, Set<String> origins) {

    /** The request header that carries a page request's scope to {@link ScopedHeaders}; never sent. */
    public static final String MARK = "X-Harvester-Header-Scope";

    public HeaderScope {
        names = Set.copyOf(names);
        origins = Set.copyOf(origins);
    }

    /**
     * The scope of a source whose first page is {@code url}, with more hosts ({@code host} or {@code host:port}, comma
     * separated) that may have its headers too.
     */
    public static HeaderScope of(String source, Set<String> names, String url, String moreHosts) {
        URI first = URI.create(url);
        String scheme = first.getScheme() == null ? "" : first.getScheme().toLowerCase(Locale.ROOT);
        Set<String> origins = new LinkedHashSet<>();
        origins.add(origin(first));
        for (String host : moreHosts.split(",")) {
            String trimmed = host.strip();
            if (trimmed.isEmpty()) continue;
            URI more = URI.create(scheme + "://" + trimmed);
            if (more.getHost() == null || more.getRawPath() != null && !more.getRawPath().isEmpty()) {
                throw new IllegalArgumentException("headerHosts: '" + trimmed + "' is not a host or host:port");
            }
            origins.add(origin(more));
        }
        return new HeaderScope(source, names, origins);
    }

    /** True when the headers may go to this URL. */
    public boolean allows(URI target) {
        return origins.contains(origin(target));
    }

    /** True when the source is read over https, so its headers never go over plain http. */
    public boolean secure() {
        return origins.stream().anyMatch(origin -> origin.startsWith("https://"));
    }

    /** The scope as the value of {@link #MARK}. */
    public String mark() {
        return source + " " + String.join(",", names) + " " + String.join(",", origins);
    }

    /** The scope a {@link #MARK} header holds. */
    public static HeaderScope read(String mark) {
        String[] parts = mark.split(" ", 3);
        if (parts.length != 3) throw new IllegalArgumentException("not a header scope: " + mark);
        return new HeaderScope(parts[0], Set.of(parts[1].split(",")), Set.of(parts[2].split(",")));
    }

    /** {@code scheme://host:port} of a URL, the port filled in from the scheme. */
    public static String origin(URI url) {
        return origin(url.getScheme(), url.getHost(), url.getPort());
    }

    /** {@code scheme://host:port}, the port filled in from the scheme when it is -1. */
    public static String origin(String scheme, String host, int port) {
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        int p = port >= 0 ? port : s.equals("https") ? 443 : s.equals("http") ? 80 : -1;
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return s + "://" + h + ":" + p;
    }
}
