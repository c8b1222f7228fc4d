package org.imageharvester.download;

/** A download the server asked us to try again later: 408, 429 or 5xx. Retried with back-off, or after Retry-After. */
public class RetryableDownloadException extends Exception {

    public RetryableDownloadException(String reason) {
        super(reason);
    }
}
