package org.imageharvester.download;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import org.imageharvester.values.Deadline;

/**
 * Sorts an HTTP response by its status: 2xx goes on; 304 means unchanged since the last run; 408, 429 and 5xx are
 * worth another try, after the server's
 * {@code Retry-After} (seconds or an HTTP date, capped at {@code download.maxRetryAfter}) when it sends one; any
 * other status fails for good.
 */
public final class ResponseStatus {

    private final Clock clock;
    private long maxRetryAfter;

    public ResponseStatus() {
        this(Clock.systemUTC());
    }

    ResponseStatus(Clock clock) {
        this.clock = clock;
    }

    /** Sets {@code download.maxRetryAfter}, in milliseconds: the longest wait a server's Retry-After can ask for. */
    public void setMaxRetryAfter(long maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * Lets a 2xx response through, and a 304 (not modified) without its body; otherwise drops the body and throws. For
     * 429 and 503 with Retry-After, sets the delay of the next attempt on the message, where Camel's redelivery takes
     * it.
     */
    public void check(Message response) throws RetryableDownloadException, RejectedDownloadException {
        int status = response.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) return;
        BoundedBody.abort(response.getBody());
        if (status == 304) return;
        String reason = "HTTP " + status;
        if (status == 429 || status == 503) {
            Long wait = retryAfter(response.getHeader("Retry-After", String.class));
            // a wait past the link's deadline would only end in a refused attempt: wait no longer than the budget
            Deadline link = response.getExchange() == null ? null
                    : response.getExchange().getProperty("linkDeadline", Deadline.class);
            if (wait != null && link != null) wait = Math.min(wait, link.left());
            if (wait != null) {
                response.setHeader(Exchange.REDELIVERY_DELAY, wait);
                throw new RetryableDownloadException(reason + ", Retry-After " + wait + " ms");
            }
        }
        if (status == 408 || status == 429 || status >= 500) throw new RetryableDownloadException(reason);
        throw new RejectedDownloadException(reason);
    }

    /** The wait a Retry-After value asks for, in milliseconds, capped; null when it is missing or unreadable. */
    Long retryAfter(String value) {
        if (value == null || value.isBlank()) return null;
        long millis;
        try {
            millis = Long.parseLong(value.strip()) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                millis = Duration.between(clock.instant(), when.toInstant()).toMillis();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        return Math.max(0, Math.min(millis, maxRetryAfter));
    }
}
