package org.imageharvester.thumbnail;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Gives a grey image with alpha (a PNG's grey and alpha, or grey with a transparent colour) as the sRGB grey its
 * samples mean, as browsers and Pillow show it. The JDK decodes such an image into its linear grey colour space, which
 * Java2D brightens on the way to RGB (a sample of 66 was drawn as 139); plain 8- and 16-bit grey images are drawn as
 * they are, and left alone.
 */
final class SrgbGrey {

    private SrgbGrey() {
    }

    /** The image as (A)RGB when it is such a grey one, else the image itself. */
    static BufferedImage of(BufferedImage image) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int type = raster.getDataBuffer().getDataType();
        if (!(model instanceof ComponentColorModel) || model.getColorSpace().getType() != ColorSpace.TYPE_GRAY
                || image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getType() == BufferedImage.TYPE_USHORT_GRAY
                || model.isAlphaPremultiplied() || type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT) {
            return image;
        }
        int width = image.getWidth();
        int bands = raster.getNumBands();
        boolean alpha = model.hasAlpha() && bands > 1;
        BufferedImage srgb = new BufferedImage(width, image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        WritableRaster out = srgb.getRaster();
        int greyMax = (1 << model.getComponentSize(0)) - 1;
        int alphaMax = alpha ? (1 << model.getComponentSize(1)) - 1 : 1;
        int[] samples = new int[width * bands];
        int[] argb = new int[width];
        for (int y = 0; y < image.getHeight(); y++) {
            raster.getPixels(0, y, width, 1, samples);
            for (int x = 0; x < width; x++) {
                int grey = eight(samples[x * bands], greyMax);
                int opacity = alpha ? eight(samples[x * bands + 1], alphaMax) : 255;
                argb[x] = opacity << 24 | grey * 0x010101;
            }
            out.setDataElements(0, y, width, 1, argb);
        }
        return srgb;
    }

    // a sample of 0..max as 0..255
    private static int eight(int sample, int max) {
        return (sample * 255 + max / 2) / max;
    }
}
