package org.imageharvester.download;

import java.util.Set;

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

    // what an attempt keeps of the message before it: the count of attempts download-errors' retries go by (without
    // it they would never end). Cleared here, not by removeHeaders with an excludePattern, which compiles that regex
    // again for every header of every attempt (8 % of a kept-up runner's CPU in a profile of 10,000 small images)
    private static final Set<String> KEPT = Set.of(Exchange.REDELIVERY_COUNTER, Exchange.REDELIVERY_MAX_COUNTER,
            Exchange.REDELIVERED);

    /** Prepares the request message of this attempt: a clean one, with only the count of attempts kept. */
    public void prepare(@ExchangeProperty("imageUrl") String url, @ExchangeProperty("linkDeadline") Deadline deadline,
            @ExchangeProperty("known") Known known, Exchange exchange) throws RejectedDownloadException {
        RejectedDownloadException.check(deadline);
        Message request = exchange.getMessage();
        request.getHeaders().keySet().removeIf(name -> !KEPT.contains(name));
        request.setHeader(HttpConstants.HTTP_URI, url);
        request.setBody(null);
        if (known != null && known.etag() != null) request.setHeader("If-None-Match", known.etag());
        if (known != null && known.lastModified() != null) request.setHeader("If-Modified-Since", known.lastModified());
    }
}
