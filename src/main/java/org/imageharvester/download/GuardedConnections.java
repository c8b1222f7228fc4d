package org.imageharvester.download;

import java.util.concurrent.TimeUnit;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Gives the image downloads their own HTTP connection pool: every connection resolved through the
 * {@link AddressGuard}, at most {@code download.perHostConcurrency} requests in flight to one host (the others wait
 * for a free connection), the connect and socket timeouts set on every connection, response headers bounded in
 * size, and every request given up when its response headers (redirects included) take longer than
 * {@code download.totalTimeout}.
 */
public class GuardedConnections implements HttpClientConfigurer {

    // response headers: at most 64 lines of 8 KB (32 MB for 64 downloads at once, whatever the servers send)
    private static final int MAX_HEADER_LINE = 8192;
    private static final int MAX_HEADERS = 64;

    // the strictest guard until download.allowHosts is set: without one, HttpClient would resolve any host unguarded
    private AddressGuard guard = new AddressGuard();
    private String userAgent;
    private int perHost;
    private int total;
    private long connectTimeout;
    private long socketTimeout;
    private long totalTimeout;

    public void setGuard(AddressGuard guard) {
        this.guard = guard;
    }

    /** Sets {@code download.allowHosts} on this pool's own guard: host names, addresses and CIDR ranges let in. */
    public void setAllowHosts(String allowHosts) {
        AddressGuard allowing = new AddressGuard();
        allowing.setAllowHosts(allowHosts);
        this.guard = allowing;
    }

    /** Sets {@code download.perHostConcurrency}: requests in flight to one host at most. */
    public void setPerHost(int perHost) {
        this.perHost = perHost;
    }

    /** Sets {@code download.maxConnections}: connections kept in all. */
    public void setTotal(int total) {
        this.total = total;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public void setSocketTimeout(long socketTimeout) {
        this.socketTimeout = socketTimeout;
    }

    /**
     * Sets {@code download.totalTimeout}: the longest a request may wait for its response headers, redirects included.
     */
    public void setTotalTimeout(long totalTimeout) {
        this.totalTimeout = totalTimeout;
    }

    /** Sets {@code download.userAgent}, sent with every request that names none of its own. */
    public void setUserAgent(String userAgent) {
        this.userAgent = userAgent;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder client) {
        client.setUserAgent(userAgent);
        // an image harvest keeps no cookies (no server learns that two images were fetched by the same client) and
        // authenticates nowhere: two steps less for every request
        client.disableCookieManagement();
        client.disableAuthCaching();
        client.disableConnectionState();
        // nor asks for compressed bodies (images are compressed already; a gzip stream would be inflated on the way)
        client.disableContentCompression();
        client.addExecInterceptorFirst("request-deadline", new RequestDeadline(totalTimeout));
        // retries are the route's (download-errors), counted and within the link's budget: HttpClient's own would
        // silently double an attempt's time
        client.disableAutomaticRetries();
        client.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                // a server that sends headers without end would otherwise fill the heap: HttpClient's default is no
                // limit
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder().http1Config(Http1Config.custom()
                        .setMaxLineLength(MAX_HEADER_LINE).setMaxHeaderCount(MAX_HEADERS).build()).build())
                .setDnsResolver(guard)
                .setMaxConnPerRoute(perHost)
                .setMaxConnTotal(Math.max(total, perHost))
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofMilliseconds(socketTimeout))
                .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connectTimeout, TimeUnit.MILLISECONDS)
                        .setSocketTimeout(Timeout.ofMilliseconds(socketTimeout)).build())
                .build());
    }
}
