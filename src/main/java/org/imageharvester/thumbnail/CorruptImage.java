package org.imageharvester.thumbnail;

import java.awt.image.RasterFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;
import javax.imageio.ImageReader;

import org.imageharvester.values.NetworkText;

/**
 * Says in words why an image's decoder gave up on it ("corrupt PNG: the data ends early"), whatever the decoder threw:
 * an EOFException, an index out of bounds, or an IIOException whose own message tells ("unsupported TIFF: ..." when it
 * says the decoder does not support what the file uses); never a bare class name.
 */
final class CorruptImage {

    // a decoder's message quotes bytes of the file: kept to one short line
    private static final int LONGEST = 160;

    private CorruptImage() {
    }

    /** The reason the image its reader was reading does not decode. */
    static String reason(ImageReader reader, Throwable failure) {
        String format;
        try {
            format = reader.getFormatName();
        } catch (IOException e) {
            format = "image";
        }
        return reason(format, failure);
    }

    /** The reason an image of that format (as its ImageIO reader names it: png, gif, webp...) does not decode. */
    static String reason(String format, Throwable failure) {
        String why = why(failure);
        // a decoder that does not support a valid file's feature (a TIFF compression, say) says so
        boolean unsupported = why.toLowerCase(Locale.ROOT).contains("support");
        return (unsupported ? "unsupported " : "corrupt ") + name(format) + ": " + why;
    }

    private static String why(Throwable failure) {
        String message = null;
        Throwable e = failure;
        for (int depth = 0; e != null && depth < 20; e = e.getCause(), depth++) {
            if (e instanceof EOFException) return "the data ends early";
            if (e instanceof ZipException || e instanceof DataFormatException) {
                return "its compressed data is damaged" + (blank(e) ? "" : " (" + text(e) + ")");
            }
            if (e instanceof IndexOutOfBoundsException) return "its pixel data does not fit its size";
            if (e instanceof NegativeArraySizeException || e instanceof RasterFormatException
                    || e instanceof IllegalArgumentException) return "its sizes do not add up";
            // the deepest decoder's own words: wrappers say only where ("Error reading PNG image data")
            if (e instanceof IOException && !blank(e)) message = text(e);
        }
        return message != null ? message : "its decoder could not read it";
    }

    private static boolean blank(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank();
    }

    // "Unknown row filter type (= 105)!" as "unknown row filter type (= 105)"
    private static String text(Throwable e) {
        String text = e.getMessage().strip();
        if (text.endsWith("!")) text = text.substring(0, text.length() - 1);
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            text = Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return NetworkText.shorten(text.replaceAll("\\s+", " "), LONGEST);
    }

    private static String name(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "webp" -> "WebP";
            case "bigtiff" -> "BigTIFF";
            case "jpg", "jpeg" -> "JPEG";
            case "tif", "tiff" -> "TIFF";
            default -> format.toUpperCase(Locale.ROOT);
        };
    }
}
