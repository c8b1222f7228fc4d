package org.imageharvester.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;

import org.imageharvester.download.RejectedDownloadException;
import org.imageharvester.download.RequestDeadline;
import org.imageharvester.values.SourceHeaders;

/**
 * Gives the webhook its own HTTP client: the whole request, connecting included, within {@code notify.timeout}, no
 * redirect followed (the webhook's headers go to its URL only), no retry, and the headers of
 * {@code notify.webhookHeaders} ({@code ${NAME}} from the environment, which must be set at start-up); and reads its
 * answer by its status alone.
 */
public final class WebhookConnections implements HttpClientConfigurer {

    private long timeout;
    private String userAgent;
    private List<Header> headers = List.of();

    /** Sets {@code notify.timeout}, in milliseconds. */
    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    /** Sets {@code download.userAgent}. */
    public void setUserAgent(String userAgent) {
        this.userAgent = userAgent;
    }

    /** Sets {@code notify.webhookHeaders}: {@code Name: value} separated by {@code |}; fails on an unset variable. */
    public void setHeaders(String spec) {
        SourceHeaders parsed = new SourceHeaders("notify.webhookHeaders", System::getenv);
        parsed.setSpec(spec);
        headers = parsed.headers().entrySet().stream()
                .map(header -> (Header) new BasicHeader(header.getKey(), header.getValue())).toList();
    }

    @Override
    public void configureHttpClient(HttpClientBuilder client) {
        client.setUserAgent(userAgent);
        client.setDefaultHeaders(headers);
        client.disableRedirectHandling();
        client.disableAutomaticRetries();
        client.disableCookieManagement();
        client.addExecInterceptorFirst("notify-deadline", new RequestDeadline(timeout, "notify.timeout"));
        client.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofMilliseconds(timeout)).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout, TimeUnit.MILLISECONDS)
                        .setSocketTimeout(Timeout.ofMilliseconds(timeout)).build())
                .build());
    }

    /** Drops the webhook's answer unread (a body that never ends holds nothing up) and fails on any status but 2xx. */
    public void check(Message answer) throws IOException, RejectedDownloadException {
        int status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Object body = answer.getBody();
        if (body instanceof EofSensorInputStream connection) {
            connection.abort();
        } else if (body instanceof InputStream stream) {
            stream.close();
        }
        answer.setBody(null);
        if (status < 200 || status >= 300) throw new RejectedDownloadException("HTTP " + status);
    }
}
