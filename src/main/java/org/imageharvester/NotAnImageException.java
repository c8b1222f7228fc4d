package org.imageharvester;

/** A response that is not an image (an HTML error page served with status 200, say); that link fails. */
public class NotAnImageException extends Exception {

    public NotAnImageException(String message) {
        super(message);
    }
}
