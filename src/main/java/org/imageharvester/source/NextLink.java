package org.imageharvester.source;

import java.net.URI;

/**
 * The {@code rel="next"} target of an HTTP {@code Link} header (RFC 8288), as GitHub and Unsplash send it:
 * {@code <https://api.example.org/photos?page=3>; rel="next", <...>; rel="last"}, resolved against the page's URL.
 */
final class NextLink {

    private NextLink() {
    }

    /** The next page's URL the header names, or null. */
    static String of(String header, String pageUrl) {
        if (header == null || header.length() > 16_384) return null;
        int at = 0;
        while (at < header.length()) {
            int open = header.indexOf('<', at);
            int close = open < 0 ? -1 : header.indexOf('>', open);
            if (close < 0) return null;
            int end = header.indexOf('<', close);
            // (the comma before the next link is not part of these parameters)
            String params = header.substring(close + 1, end < 0 ? header.length() : end).replace(',', ' ');
            if (isNext(params)) return resolve(header.substring(open + 1, close).strip(), pageUrl);
            at = close + 1;
        }
        return null;
    }

    // rel="next", rel=next or a space-separated list holding next
    private static boolean isNext(String params) {
        for (String param : params.split(";")) {
            String[] pair = param.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("rel")) {
                for (String rel : pair[1].strip().replace("\"", "").split("\\s+")) {
                    if (rel.equalsIgnoreCase("next")) return true;
                }
            }
        }
        return false;
    }

    static String resolve(String link, String pageUrl) {
        try {
            return URI.create(pageUrl).resolve(link).toString();
        } catch (IllegalArgumentException e) {
            return link; // refused when it is read: not a URL
        }
    }
}
