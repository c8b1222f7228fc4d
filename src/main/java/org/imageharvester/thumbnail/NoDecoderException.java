package org.imageharvester.thumbnail;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A saved image of a format this runner has no decoder for (AVIF or HEIF without libheif, JPEG XL, any format no
 * ImageIO reader takes): nothing is wrong with it, so it is kept, whatever {@code download.keepUndecodable} says, and
 * reported without a thumbnail.
 */
public final class NoDecoderException extends UndecodableImageException {

    private static final long serialVersionUID = 1L;

    NoDecoderException(String message) {
        super(message);
    }

    /** The image {@code file} has no decoder here: its format named by its first bytes when it is a known one. */
    static NoDecoderException of(Path file) throws IOException {
        String format = FormatName.of(FormatName.head(file));
        return new NoDecoderException((format == null ? "its format" : format) + " has no decoder here");
    }
}
