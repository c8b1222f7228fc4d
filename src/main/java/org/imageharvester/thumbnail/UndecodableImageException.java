package org.imageharvester.thumbnail;

import java.io.IOException;

/**
 * A saved image that does not decode: corrupt, or declaring more pixels than {@code thumbnail.maxPixels} (a
 * decompression bomb). Not a fault of the disk or of the thumbnail's writing, which keep the image; this one the
 * harvest may remove ({@code download.keepUndecodable}). One of a format this runner has no decoder for is a {@link
 * NoDecoderException}, and kept.
 */
public class UndecodableImageException extends IOException {

    private static final long serialVersionUID = 1L;

    UndecodableImageException(String message) {
        super(message);
    }

    UndecodableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
