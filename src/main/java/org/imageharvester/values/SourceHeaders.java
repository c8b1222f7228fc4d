package org.imageharvester.values;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.camel.Message;

/**
 * Puts the request headers of {@code source.headers} on the listing request, e.g.
 * {@code Authorization: Client-ID ${IMGUR_CLIENT_ID} | Accept: application/json}, taking {@code ${NAME}} from the
 * environment. A variable that is not set stops the runner at start-up, not at 2 a.m. The headers go only to the
 * source's own origin and the hosts it names ({@link HeaderScope}), on every hop of every page.
 */
public final class SourceHeaders {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final UnaryOperator<String> env;
    private final String setting;
    private HeaderScope scope;

    /** Headers whose variables come from the environment of this process. */
    public SourceHeaders() {
        this(System::getenv);
    }

    public SourceHeaders(UnaryOperator<String> env) {
        this("source.headers", env);
    }

    /** Headers of another setting in the same form ({@code notify.webhookHeaders}), named so in its messages. */
    public SourceHeaders(String setting, UnaryOperator<String> env) {
        this.setting = setting;
        this.env = env;
    }

    /** Reads {@code source.headers}; fails at once when a variable it names is not set. */
    public void setSpec(String spec) {
        headers.clear();
        for (String pair : spec.split("\\|")) {
            if (pair.isBlank()) continue;
            int colon = pair.indexOf(':');
            if (colon < 1) throw new IllegalArgumentException(
                    setting + ": '" + pair.trim() + "' is not 'Name: value' (separate headers with |)");
            String value = Variables.expand(setting, pair.substring(colon + 1).trim(), env);
            headers.put(pair.substring(0, colon).trim(), value);
        }
    }

    /**
     * Limits the headers to the origin of the source's first page and to {@code moreHosts} ({@code headerHosts}:
     * {@code host} or {@code host:port}, comma separated, same scheme).
     */
    public void limitTo(String source, String firstUrl, String moreHosts) {
        scope = HeaderScope.of(source, headers.keySet(), firstUrl, moreHosts);
    }

    /**
     * Sets the headers on the message that requests a page at {@code url} when they may go there, and their scope, so
     * that each hop of the request (redirects) is judged too ({@link ScopedHeaders}).
     */
    public void applyTo(Message request, String url) {
        if (headers.isEmpty()) return;
        if (scope == null) throw new IllegalStateException("source headers without a scope");
        request.setHeader(HeaderScope.MARK, scope.mark());
        if (scope.allows(URI.create(url))) headers.forEach(request::setHeader);
    }

    /** The headers, resolved, for tests and logs. */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
