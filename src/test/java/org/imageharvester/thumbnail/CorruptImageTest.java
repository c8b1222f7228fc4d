package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import javax.imageio.IIOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imageharvester.TestImages;

/** An image whose decoder gives up is reported in words, never by an exception's class name. */
class CorruptImageTest {

    @TempDir
    Path work;

    @Test
    void names_a_truncated_png_and_a_damaged_webp_in_words() throws Exception {
        byte[] png = TestImages.image("png", 80, 60, 0x00ff00);
        Path truncated = Files.write(work.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        byte[] webp = Files.readAllBytes(Path.of("src/test/resources/formats/lossless.webp"));
        webp[22] = 0; // inside the VP8L stream: a back-reference now points outside the picture
        Path damaged = Files.write(work.resolve("damaged.webp"), webp);
        Thumbnailer thumbnailer = new Thumbnailer(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);

        UndecodableImageException png1 = assertThrows(UndecodableImageException.class,
                () -> thumbnailer.thumbnail(truncated.toString()));
        UndecodableImageException webp1 = assertThrows(UndecodableImageException.class,
                () -> thumbnailer.thumbnail(damaged.toString()));

        assertEquals("corrupt PNG: the data ends early", png1.getMessage());
        // libwebp's words where it is installed, TwelveMonkeys' where not
        assertEquals(Libwebp.available() ? "corrupt WebP: its data is not a valid WebP bitstream"
                : "corrupt WebP: its pixel data does not fit its size", webp1.getMessage());
    }

    @Test
    void says_what_each_kind_of_failure_means() {
        assertEquals("corrupt PNG: the data ends early",
                CorruptImage.reason("png", new IIOException("Error reading PNG metadata", new EOFException())));
        assertEquals("corrupt GIF: its pixel data does not fit its size",
                CorruptImage.reason("gif", new ArrayIndexOutOfBoundsException("Coordinate out of bounds!")));
        assertEquals("corrupt PNG: its compressed data is damaged (invalid distance too far back)",
                CorruptImage.reason("png", new IIOException("Error reading PNG image data",
                        new ZipException("invalid distance too far back"))));
        // a wrapper says only where; the decoder's own words say what
        assertEquals("corrupt GIF: invalid block length for LZW encoded image data",
                CorruptImage.reason("gif", new IIOException("I/O error reading image!",
                        new IIOException("Invalid block length for LZW encoded image data"))));
        assertEquals("corrupt TIFF: its sizes do not add up",
                CorruptImage.reason("tiff", new IllegalArgumentException("Width (0) and height (5) cannot be <= 0")));
        assertEquals("corrupt BigTIFF: its decoder could not read it",
                CorruptImage.reason("bigtiff", new NullPointerException()));
        assertEquals("corrupt WebP: its decoder could not read it",
                CorruptImage.reason("webp", new IIOException("")));
        assertEquals("unsupported TIFF: 16-bit samples are not supported for Horizontal differencing Predictor",
                CorruptImage.reason("tiff", new IIOException("16-bit samples are not supported for Horizontal"
                        + " differencing Predictor")));
    }
}
