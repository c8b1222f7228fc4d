package org.imageharvester.download;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;

/**
 * Breaks off an HTTP request that has not had its response headers within {@code download.totalTimeout}, redirects
 * included: read timeouts alone let a server that sends its TLS handshake, its headers or a redirect's body a byte at
 * a time hold a thread for ever. (The body of the response itself is bounded by {@link BoundedBody}.) The run's
 * notification to a webhook is bounded the same way, by {@code notify.timeout}.
 */
public final class RequestDeadline implements ExecChainHandler {

    // one daemon thread for all connection pools: it only closes sockets, and must never keep the JVM from exiting
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "request-deadline");
        thread.setDaemon(true);
        return thread;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private final long millis;
    private final String setting;

    RequestDeadline(long millis) {
        this(millis, "download.totalTimeout");
    }

    /** Breaks off a request with no response within {@code millis}, saying which setting it was. */
    public RequestDeadline(long millis, String setting) {
        this.millis = millis;
        this.setting = setting;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        long start = System.nanoTime();
        ScheduledFuture<?> abort = TIMER.schedule(() -> {
            // cancelling the request closes its socket (the blocked read or handshake fails at once) and keeps
            // HttpClient from trying again on a new one
            if (scope.originalRequest instanceof Cancellable cancellable) {
                cancellable.cancel();
            } else {
                scope.execRuntime.discardEndpoint();
            }
        }, millis, TimeUnit.MILLISECONDS);
        try {
            return chain.proceed(request, scope);
        } catch (IOException | RuntimeException e) {
            // past the deadline, whatever failed the request is the deadline's doing (or a read timeout as long as it,
            // a moment before it fired)
            if (System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(millis)) {
                throw new RejectedDownloadException("too slow: no response within " + setting + " ("
                        + millis + " ms)");
            }
            throw e;
        } finally {
            abort.cancel(false);
        }
    }
}
