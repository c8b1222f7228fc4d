package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.imageharvester.RawImages;
import org.imageharvester.TestImages;

/**
 * A WebP, PNG or TIFF is thumbnailed upright by its EXIF orientation, as Pillow's ImageOps.exif_transpose and libvips'
 * autorotate show it: two marked corners of the stored picture land in the corners each orientation sends them to.
 */
class UprightThumbnailsTest {

    private static final int WIDTH = 120;
    private static final int HEIGHT = 80;

    @TempDir
    Path work;

    // where the stored picture's top-left mark (a) and top-right mark (b) are shown, for orientations 1 to 8
    @ParameterizedTest(name = "{0}, orientation {1}")
    @CsvSource({
        "webp, 1, TL, TR", "webp, 2, TR, TL", "webp, 3, BR, BL", "webp, 4, BL, BR",
        "webp, 5, TL, BL", "webp, 6, TR, BR", "webp, 7, BR, TR", "webp, 8, BL, TL",
        "png before IDAT, 1, TL, TR", "png before IDAT, 3, BR, BL", "png before IDAT, 6, TR, BR",
        "png after IDAT, 2, TR, TL", "png after IDAT, 4, BL, BR", "png after IDAT, 5, TL, BL",
        "png after IDAT, 7, BR, TR", "png after IDAT, 8, BL, TL",
        "tiff, 2, TR, TL", "tiff, 3, BR, BL", "tiff, 5, TL, BL", "tiff, 6, TR, BR", "tiff, 8, BL, TL",
        "bigtiff, 4, BL, BR", "bigtiff, 6, TR, BR", "bigtiff, 7, BR, TR",
    })
    void turns_the_thumbnail_as_its_exif_orientation_says(String format, int orientation, String a, String b)
            throws Exception {
        String extension = format.startsWith("png") ? "png" : format.equals("webp") ? "webp" : "tif";
        Path image = Files.write(work.resolve(format.replace(' ', '-') + "." + extension), image(format, orientation));

        BufferedImage thumbnail = TestImages.read(thumbnailer().thumbnail(image.toString()));

        boolean turned = orientation >= 5;
        int w = format.equals("webp") ? 128 : WIDTH;
        int h = format.equals("webp") ? 85 : HEIGHT;
        assertEquals(turned ? List.of(h, w) : List.of(w, h), List.of(thumbnail.getWidth(), thumbnail.getHeight()),
                "the size as shown (not enlarged)");
        assertEquals(List.of(a, b), List.of(corner(thumbnail, format, 'a'), corner(thumbnail, format, 'b')));
    }

    // the stored picture, WIDTH x HEIGHT: grey, a red top-left corner (a), a green top-right one (b); a WebP's is the
    // lossy test picture (300 x 200) marked in its alpha, which the test writes itself: transparent top left (a),
    // half transparent top right (b)
    private static byte[] image(String format, int orientation) {
        RawImages.Samples rgb = (x, y) -> y < HEIGHT / 4 && x < WIDTH / 4 ? new int[] {255, 0, 0}
                : y < HEIGHT / 4 && x >= WIDTH * 3 / 4 ? new int[] {0, 255, 0} : new int[] {128, 128, 128};
        byte[] exif = RawImages.exif(orientation, orientation % 2 == 0);
        byte[] none = new byte[0];
        return switch (format) {
            case "webp" -> RawImages.webp(RawImages.vp8x(0x18, 300, 200), RawImages.alph(1, 300, 200,
                    (x, y) -> new int[] {y >= 50 ? 255 : x < 75 ? 0 : x >= 225 ? 128 : 255}),
                    RawImages.bitstream("/formats/lossy.webp"), RawImages.riff("EXIF", exif));
            case "png before IDAT" -> RawImages.png(WIDTH, HEIGHT, 2, 8, false, rgb, RawImages.chunk("eXIf", exif),
                    none);
            case "png after IDAT" -> RawImages.png(WIDTH, HEIGHT, 2, 8, false, rgb, none,
                    RawImages.chunk("eXIf", exif));
            default -> RawImages.tiff(picture(rgb), orientation, format.equals("bigtiff"));
        };
    }

    private static BufferedImage picture(RawImages.Samples rgb) {
        BufferedImage picture = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int[] c = rgb.at(x, y);
                picture.setRGB(x, y, c[0] << 16 | c[1] << 8 | c[2]);
            }
        }
        return picture;
    }

    // the corner (TL, TR, BL, BR) where the thumbnail shows the mark, or "nowhere"
    private static String corner(BufferedImage thumbnail, String format, char mark) {
        int w = thumbnail.getWidth() - 4;
        int h = thumbnail.getHeight() - 4;
        int[][] at = {{3, 3}, {w, 3}, {3, h}, {w, h}};
        String[] names = {"TL", "TR", "BL", "BR"};
        for (int i = 0; i < at.length; i++) {
            int argb = thumbnail.getRGB(at[i][0], at[i][1]);
            int alpha = argb >>> 24;
            int red = argb >> 16 & 0xFF;
            int green = argb >> 8 & 0xFF;
            boolean marked = format.equals("webp") ? mark == 'a' ? alpha < 30 : alpha > 100 && alpha < 160
                    : mark == 'a' ? red > 200 && green < 60 : green > 200 && red < 60;
            if (marked) return names[i];
        }
        return "nowhere";
    }

    private Thumbnailer thumbnailer() {
        Thumbnailer thumbnailer = new Thumbnailer(work.resolve("thumbs").toString(), 128, 128, "same");
        thumbnailer.setMaxPixels(100_000_000L);
        thumbnailer.setDecodeMemory(64L << 20);
        return thumbnailer;
    }
}
