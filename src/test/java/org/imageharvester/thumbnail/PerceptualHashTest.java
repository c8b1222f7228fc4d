package org.imageharvester.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.imageharvester.TestImages;

/**
 * The dHash made from the thumbnail's own decode (libjpeg-turbo's reduced scale, or ImageIO's subsampling): a photo at
 * another size and JPEG quality is near (within dedup.nearDistance, 6 bits), a crop of it and another photo are not.
 */
class PerceptualHashTest {

    private static final int NEAR = 6;

    @TempDir
    Path work;

    private final BufferedImage photo = TestImages.photo(7, 1600, 1200);

    @ParameterizedTest(name = "libjpeg-turbo {0}")
    @ValueSource(booleans = {true, false})
    void finds_a_photo_near_itself_at_another_size_and_quality_but_not_a_crop_or_another_photo(boolean turbo)
            throws Exception {
        Thumbnailer thumbnailer = ThumbnailerTest.thumbnailer(work.resolve("thumbs"), turbo);
        long original = hash(thumbnailer, "original.jpg", TestImages.jpeg(photo, 0.92f));
        long smaller = hash(thumbnailer, "smaller.jpg", TestImages.jpeg(TestImages.scaled(photo, 640, 480), 0.5f));
        long tiny = hash(thumbnailer, "tiny.jpg", TestImages.jpeg(TestImages.scaled(photo, 400, 300), 0.25f));
        long crop = hash(thumbnailer, "crop.jpg", TestImages.jpeg(photo.getSubimage(0, 0, 1200, 900), 0.92f));
        long other = hash(thumbnailer, "other.jpg", TestImages.jpeg(TestImages.photo(8, 1600, 1200), 0.92f));

        String distances = "smaller " + PerceptualHash.distance(original, smaller) + ", tiny "
                + PerceptualHash.distance(original, tiny) + ", crop " + PerceptualHash.distance(original, crop)
                + ", other " + PerceptualHash.distance(original, other);
        assertTrue(PerceptualHash.distance(original, smaller) <= NEAR, distances);
        assertTrue(PerceptualHash.distance(original, tiny) <= NEAR, distances);
        assertTrue(PerceptualHash.distance(original, crop) > NEAR, distances);
        assertTrue(PerceptualHash.distance(original, other) > NEAR, distances);
    }

    @ParameterizedTest(name = "libjpeg-turbo {0}")
    @ValueSource(booleans = {true, false})
    void hashes_the_image_as_shown_its_exif_orientation_applied(boolean turbo) throws Exception {
        Thumbnailer thumbnailer = ThumbnailerTest.thumbnailer(work.resolve("thumbs"), turbo);
        long upright = hash(thumbnailer, "upright.jpg", TestImages.jpeg(photo, 0.9f));
        // the camera stored it turned a quarter anticlockwise, and says so: "rotate 90 degrees clockwise to show"
        byte[] stored = ThumbnailerTest.withOrientation(TestImages.jpeg(quarterAnticlockwise(photo), 0.9f), 6);
        long turned = hash(thumbnailer, "turned.jpg", stored);
        long unturned = hash(thumbnailer, "unturned.jpg", TestImages.jpeg(quarterAnticlockwise(photo), 0.9f));

        assertTrue(PerceptualHash.distance(upright, turned) <= 2, PerceptualHash.distance(upright, turned) + " bits");
        assertTrue(PerceptualHash.distance(upright, unturned) > NEAR, "without the tag it is another picture");
    }

    @Test
    void gives_no_hash_to_a_plain_image_which_would_be_near_every_other_plain_one() throws Exception {
        Thumbnailer thumbnailer = ThumbnailerTest.thumbnailer(work.resolve("thumbs"), false);
        BufferedImage red = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) red.setRGB(x, y, 0xcc2020);
        }
        Path file = Files.write(work.resolve("red.png"), png(red));

        assertNull(thumbnailer.make(file.toString()).likeness(), "a plain image is compared with nothing");
    }

    @Test
    void gives_no_hash_to_a_picture_that_is_little_but_a_gradient() {
        // a sky darkening to the right with a small sun: every row's cells but the sun's darken left to right
        BufferedImage sky = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sky.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x80c0ff), 400, 300, new Color(0x203060)));
        g.fillRect(0, 0, 400, 300);
        g.setColor(Color.YELLOW);
        g.fillOval(40, 40, 40, 40);
        g.dispose();

        assertNull(PerceptualHash.of(sky, null), "it would be near every other sky");
        assertTrue(PerceptualHash.of(TestImages.scaled(photo, 400, 300), null) != null, "a photo has its hash");
    }

    @Test
    void reads_every_layout_alike_and_prints_what_a_hash_costs() throws Exception {
        // the size the thumbnailer decodes a large photo at for a 128 px thumbnail (at least twice the box), as
        // libjpeg-turbo (int RGB) and ImageIO (3-byte BGR, 4-byte ABGR) hand it over, and a layout read pixel by pixel
        BufferedImage decoded = TestImages.scaled(photo, 400, 300);
        long expected = PerceptualHash.of(decoded, null);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_USHORT_GRAY}) {
            BufferedImage image = new BufferedImage(400, 300, type);
            image.createGraphics().drawImage(decoded, 0, 0, null);
            int rounds = 3000;
            long same = 0;
            long start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < rounds; i++) same += PerceptualHash.of(image, null) == expected ? 1 : 0;
            double micros = (cpu.getCurrentThreadCpuTime() - start) / 1000.0 / rounds;
            // (the figure docs/reference.md gives: CPU time of this thread, whatever else the machine runs)
            System.out.printf("dHash of a 400x300 decode of image type %d: %.0f us of CPU an image%n", type, micros);
            assertEquals(rounds, same, "the same picture in layout " + type + ", the same hash");
        }
    }

    @Test
    void reads_a_grey_layout_as_its_grey_levels_as_libjpeg_turbo_hands_a_grey_jpeg_over() {
        // ImageIO decodes a grey JPEG to one byte a pixel, libjpeg-turbo to int RGB with the same level thrice
        BufferedImage colour = TestImages.scaled(photo, 400, 300);
        BufferedImage grey = new BufferedImage(400, 300, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage thrice = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                int level = colour.getRGB(x, y) >> 8 & 0xff;
                grey.getRaster().setSample(x, y, 0, level);
                thrice.setRGB(x, y, level * 0x010101);
            }
        }

        Long expected = PerceptualHash.of(thrice, null);
        assertTrue(expected != null, "a photo's grey levels have a hash");
        assertEquals(expected, PerceptualHash.of(grey, null));
    }

    private long hash(Thumbnailer thumbnailer, String name, byte[] jpeg) throws Exception {
        Path file = Files.write(work.resolve(name), jpeg);
        return thumbnailer.make(file.toString()).likeness().hash();
    }

    private static BufferedImage quarterAnticlockwise(BufferedImage image) {
        AffineTransform turn = new AffineTransform(0, -1, 1, 0, 0, image.getWidth());
        BufferedImage turned = new BufferedImage(image.getHeight(), image.getWidth(), BufferedImage.TYPE_INT_RGB);
        return new AffineTransformOp(turn, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, turned);
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
