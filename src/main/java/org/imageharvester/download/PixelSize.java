package org.imageharvester.download;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image's width and height from its header with ImageIO, decoding no pixel: for its sidecar, and for an image
 * a ledger of an earlier version holds without its size when a near-duplicate of it is judged.
 */
public final class PixelSize {

    private PixelSize() {
    }

    /** Width and height from the image's header, or null when no reader knows it. */
    public static int[] of(Path image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) return null;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
