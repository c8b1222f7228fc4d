package org.imageharvester.values;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;

/**
 * One source of links, as {@code application.properties} declares it: where its listing is, its format, how its pages
 * follow one another, and where its images go. Read once at start-up ({@link Sources}); a run only reads it.
 *
 * @param name the name the report, the progress line and the contact sheet give it
 * @param url the first page; {@code {page}} in it is the page number (from {@code firstPage})
 * @param format json, lines, html or feed
 * @param jsonPath for json: the links
 * @param nextPath for json: the next page's URL, or a cursor put into {@code nextUrl}; null when not paged this way
 * @param nextUrl the URL a cursor goes into, at {@code {cursor}}; null when {@code nextPath} gives URLs
 * @param headers request headers of every page
 * @param maxPages at most this many pages per harvest
 * @param firstPage the first page number of a {@code {page}} URL
 * @param limit at most this many links per harvest; 0 for no limit
 * @param folder the folder under download.dir its images go into, or null for download.dir itself
 * @param stopAfterKnown the listing ends after this many links in a row the ledger holds; 0 to read it all
 * @param entryFields the fields of a link's listing entry kept with it (its sidecar's, its name template's)
 * @param mask what of its URL (and of text quoting it) is secret: what its {@code ${NAME}} expanded to, and the parts
 *     {@link UrlMask}'s rules find
 */
public record Source(String name, String url, String format, JsonPath jsonPath, JsonPath nextPath, String nextUrl,
        SourceHeaders headers, int maxPages, int firstPage, long limit, String folder, int stopAfterKnown,
        EntryFields entryFields, UrlMask mask) {

    /** What a source's name (and so its folder) may be: it is also a file name and a settings key part. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    /** A folder is a plain name, never a path: the image namer puts it in front of a file name unchecked. */
    public Source {
        if (entryFields == null) entryFields = EntryFields.NONE;
        if (mask == null) mask = UrlMask.RULES;
        if (folder != null && !NAME.matcher(folder).matches()) {
            throw new IllegalArgumentException("a source's folder must be a plain name: " + folder);
        }
    }

    /** A source whose URL holds no expanded variable. */
    public Source(String name, String url, String format, JsonPath jsonPath, JsonPath nextPath, String nextUrl,
            SourceHeaders headers, int maxPages, int firstPage, long limit, String folder, int stopAfterKnown,
            EntryFields entryFields) {
        this(name, url, format, jsonPath, nextPath, nextUrl, headers, maxPages, firstPage, limit, folder,
                stopAfterKnown, entryFields, UrlMask.RULES);
    }

    /** A source that keeps no entry fields. */
    public Source(String name, String url, String format, JsonPath jsonPath, JsonPath nextPath, String nextUrl,
            SourceHeaders headers, int maxPages, int firstPage, long limit, String folder, int stopAfterKnown) {
        this(name, url, format, jsonPath, nextPath, nextUrl, headers, maxPages, firstPage, limit, folder,
                stopAfterKnown, EntryFields.NONE);
    }

    /** The URL as the runner writes and shows it: its secret parts {@code ***}; the real one is only fetched. */
    public String shownUrl() {
        return mask.mask(url);
    }

    /** The text (a reason quoting a page's URL) with this source's secrets in it {@code ***}. */
    public String masked(String text) {
        return mask.mask(text);
    }

    /** True when the pages are numbered in the URL. */
    public boolean numbered() {
        return url.contains("{page}");
    }

    /** The URL of page {@code number} of a numbered source. */
    public String pageUrl(int number) {
        return url.replace("{page}", Integer.toString(number));
    }

    /** The first page's URL. */
    public String firstUrl() {
        return numbered() ? pageUrl(firstPage) : url;
    }

    /** The next page's URL from a cursor or URL found at {@code nextPath} in the page {@code pageUrl}. */
    public String nextFrom(String found, String pageUrl) {
        if (nextUrl != null && nextUrl.contains("{cursor}")) {
            return nextUrl.replace("{cursor}", URLEncoder.encode(found, StandardCharsets.UTF_8));
        }
        return URI.create(pageUrl).resolve(found.strip()).toString();
    }

    /** True when this source's listing is a local file (its pages may be local files too, and only then). */
    public boolean local() {
        return url.startsWith("file:");
    }

    /** The source as a worker knows it from a job: only its name and folder (each checked by {@link #NAME}). */
    public static Source ofJob(String name, String folder) {
        String checkedName = name != null && NAME.matcher(name).matches() ? name : null;
        String checkedFolder = folder != null && NAME.matcher(folder).matches() ? folder : null;
        return new Source(checkedName, null, null, null, null, null, null, 0, 0, 0, checkedFolder, 0);
    }
}
