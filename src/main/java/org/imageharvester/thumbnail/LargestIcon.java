package org.imageharvester.thumbnail;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageReader;

/**
 * Picks the image of a file to thumbnail: an icon's (ICO, CUR) largest, as Pillow does (an icon file holds the same
 * picture at several sizes, often the smallest first), the first of any other file.
 */
final class LargestIcon {

    private static final Set<String> ICONS = Set.of("ico", "cur");
    // an icon directory lists at most this many sizes in practice; more are not looked at
    private static final int MOST = 64;

    private LargestIcon() {
    }

    /** The index of the image to read. */
    static int index(ImageReader reader) throws IOException {
        if (!ICONS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) return 0;
        int largest = 0;
        long pixels = -1;
        int images = Math.min(MOST, reader.getNumImages(true));
        for (int i = 0; i < images; i++) {
            long size = (long) reader.getWidth(i) * reader.getHeight(i);
            if (size > pixels) {
                largest = i;
                pixels = size;
            }
        }
        return largest;
    }
}
