package org.imageharvester;

import java.util.concurrent.TimeUnit;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Gives the image downloads their own HTTP connection pool: every connection resolved through the
 * {@link AddressGuard}, at most {@code download.perHostConcurrency} requests in flight to one host (the others wait
 * for a free connection), and the connect and socket timeouts set on every connection.
 */
public final class GuardedConnections implements HttpClientConfigurer {

    private AddressGuard guard = new AddressGuard();
    private int perHost = 8;
    private int total = 256;
    private long connectTimeout = 10_000;
    private long socketTimeout = 30_000;

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

    @Override
    public void configureHttpClient(HttpClientBuilder client) {
        client.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(guard)
                .setMaxConnPerRoute(perHost)
                .setMaxConnTotal(Math.max(total, perHost))
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofMilliseconds(socketTimeout)).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connectTimeout, TimeUnit.MILLISECONDS)
                        .setSocketTimeout(Timeout.ofMilliseconds(socketTimeout)).build())
                .build());
    }
}
