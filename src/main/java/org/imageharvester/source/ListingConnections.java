package org.imageharvester.source;

import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;

import org.imageharvester.download.GuardedConnections;

/**
 * The listing's connection pool: the {@link GuardedConnections} of the images, and a source's headers kept with its
 * origin on every hop ({@link ScopedHeaders}). Its caps are its own: {@code perHost} is
 * {@code source.perHostConnections}, {@code total} {@code download.maxConnections} (routes/listing.camel.yaml).
 */
public final class ListingConnections extends GuardedConnections {

    @Override
    public void configureHttpClient(HttpClientBuilder client) {
        super.configureHttpClient(client);
        // before the protocol step, which is there whether redirects are followed or not: every hop passes it
        client.addExecInterceptorBefore(ChainElement.PROTOCOL.name(), "scoped-headers", new ScopedHeaders());
        // HttpClient would not follow a redirect to another host at all while an Authorization header is on the
        // request; the hop goes, without the source's headers (ScopedHeaders takes them off)
        client.setRedirectStrategy(new DefaultRedirectStrategy() {
            @Override
            public boolean isRedirectAllowed(HttpHost from, HttpHost to, HttpRequest redirect, HttpContext context) {
                return true;
            }
        });
    }
}
