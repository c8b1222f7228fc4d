package org.imageharvester.source;

import java.io.IOException;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;

import org.imageharvester.values.HeaderScope;

/**
 * Keeps a source's headers with its origin on every request the listing's client sends, redirects included (it runs
 * after HttpClient's redirect step, once a hop): a hop to another origin goes without them, and a hop from an https
 * source to plain http is refused. The scope comes with the request ({@link HeaderScope#MARK}) and is never sent.
 */
final class ScopedHeaders implements ExecChainHandler {

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Header mark = request.getFirstHeader(HeaderScope.MARK);
        if (mark == null) return chain.proceed(request, scope);
        request.removeHeaders(HeaderScope.MARK);
        HeaderScope headers = HeaderScope.read(mark.getValue());
        HttpHost target = scope.route.getTargetHost();
        String origin = HeaderScope.origin(target.getSchemeName(), target.getHostName(), target.getPort());
        if (headers.secure() && origin.startsWith("http://")) {
            throw new IOException("refused: " + origin + " is plain http, and source " + headers.source()
                    + " sends its headers over https only");
        }
        if (!headers.origins().contains(origin)) headers.names().forEach(request::removeHeaders);
        return chain.proceed(request, scope);
    }
}
