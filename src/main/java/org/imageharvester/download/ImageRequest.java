package org.imageharvester.download;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpConstants;

import org.imageharvester.values.Deadline;
import org.imageharvester.values.Known;

/**
 * Makes one attempt's GET of an image link: not made once the link's deadline has passed (the attempts before took
 * its time); to the link ({@code CamelHttpUri}: the endpoint's URI is only a name), without a body (so camel-http
 * sends a GET), and for a link saved before only if it changed since (If-None-Match, If-Modified-Since). One bean
 * step, as each Camel step costs about as much as an image's bytes on a small machine.
 */
public final class ImageRequest {

    /** Prepares the request message of this attempt (its headers were cleared by the route). */
    public void prepare(@ExchangeProperty("imageUrl") String url, @ExchangeProperty("linkDeadline") Deadline deadline,
            @ExchangeProperty("known") Known known, Exchange exchange) throws RejectedDownloadException {
        RejectedDownloadException.check(deadline);
        Message request = exchange.getMessage();
        request.setHeader(HttpConstants.HTTP_URI, url);
        request.setBody(null);
        if (known != null && known.etag() != null) request.setHeader("If-None-Match", known.etag());
        if (known != null && known.lastModified() != null) request.setHeader("If-Modified-Since", known.lastModified());
    }
}
