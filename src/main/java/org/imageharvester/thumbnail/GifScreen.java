package org.imageharvester.thumbnail;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;

import org.w3c.dom.Node;

/**
 * Places a GIF's first frame where it is shown: at its left and top position on the logical screen the GIF declares,
 * transparent around it, as browsers and Pillow show it (a frame smaller than the screen was stretched to the whole
 * thumbnail). A screen smaller than the frame grows to hold it, as Pillow's does.
 */
final class GifScreen {

    private final int width;
    private final int height;
    private final int left;
    private final int top;

    private GifScreen(int width, int height, int left, int top) {
        this.width = width;
        this.height = height;
        this.left = left;
        this.top = top;
    }

    /**
     * The screen of the GIF being read, or null when its first frame fills it (or it is no GIF, or its metadata does
     * not read: the frame is then thumbnailed alone, as before).
     */
    static GifScreen of(ImageReader reader) {
        try {
            if (!reader.getFormatName().equalsIgnoreCase("gif")) return null;
            Node screen = child(reader.getStreamMetadata(), "javax_imageio_gif_stream_1.0", "LogicalScreenDescriptor");
            Node frame = child(reader.getImageMetadata(0), "javax_imageio_gif_image_1.0", "ImageDescriptor");
            if (screen == null || frame == null) return null;
            int left = number(frame, "imageLeftPosition");
            int top = number(frame, "imageTopPosition");
            int width = Math.max(number(screen, "logicalScreenWidth"), left + number(frame, "imageWidth"));
            int height = Math.max(number(screen, "logicalScreenHeight"), top + number(frame, "imageHeight"));
            boolean fills = left == 0 && top == 0 && width == reader.getWidth(0) && height == reader.getHeight(0);
            return fills ? null : new GifScreen(width, height, left, top);
        } catch (Exception e) {
            return null;
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The frame, decoded at 1/k of its size, on the screen at 1/k of its size. */
    BufferedImage place(BufferedImage frame, int k) {
        BufferedImage shown = new BufferedImage((width + k - 1) / k, (height + k - 1) / k, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = shown.createGraphics();
        try {
            g.drawImage(frame, Math.round((float) left / k), Math.round((float) top / k), null);
        } finally {
            g.dispose();
        }
        return shown;
    }

    private static Node child(IIOMetadata metadata, String format, String name) {
        if (metadata == null) return null;
        for (Node node = metadata.getAsTree(format).getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeName().equals(name)) return node;
        }
        return null;
    }

    private static int number(Node node, String attribute) {
        return Integer.parseInt(node.getAttributes().getNamedItem(attribute).getNodeValue());
    }
}
