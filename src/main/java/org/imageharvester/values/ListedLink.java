package org.imageharvester.values;

import java.util.Map;

/**
 * One link of a listing, with the fields of the listing entry it came from (a JSON entry's or a feed item's, as the
 * source's {@code sidecarFields} choose them; none for a plain list or an HTML page): what a link's folder and name
 * template and its metadata sidecar may use. Both are network input: the namer and the sidecar treat them as data.
 *
 * @param url the link
 * @param entry the entry's chosen fields, each a bounded text, number, boolean or list of texts; never null
 */
public record ListedLink(String url, Map<String, Object> entry) {

    /** A link that came with no entry. */
    public static ListedLink of(String url) {
        return new ListedLink(url, Map.of());
    }
}
