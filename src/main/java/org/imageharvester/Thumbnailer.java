package org.imageharvester;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import net.coobird.thumbnailator.Thumbnails;

/**
 * Makes the thumbnail of one saved image with Thumbnailator: fit within {@code thumbnail.width} x
 * {@code thumbnail.height}, aspect kept, EXIF orientation applied, written as {@code <stem>_thumbnail.<ext>}.
 */
public final class Thumbnailer {

    private final Path dir;
    private final int width;
    private final int height;
    private final String format;

    /**
     * @param format the output format ({@code jpg}, {@code png}, ...), or {@code same} to keep the image's own
     */
    public Thumbnailer(String dir, int width, int height, String format) {
        if (width < 1 || height < 1) throw new IllegalArgumentException(
                "thumbnail.width and thumbnail.height must be at least 1, not " + width + "x" + height);
        this.dir = Path.of(dir);
        this.width = width;
        this.height = height;
        this.format = format.toLowerCase(Locale.ROOT);
    }

    /** Writes the thumbnail of the image file (under a temporary name, then renamed) and returns its path. */
    public Path thumbnail(String imageFile) throws IOException {
        Path image = Path.of(imageFile);
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = format.equals("same") ? outputFormat(dot > 0 ? name.substring(dot + 1) : "png") : format;
        Path target = Files.createDirectories(dir).resolve(stem + "_thumbnail." + extension);
        Path partial = dir.resolve(PartFiles.part(target.getFileName().toString()));
        try (OutputStream out = Files.newOutputStream(partial)) {
            Thumbnails.of(image.toFile()).size(width, height).keepAspectRatio(true).useExifOrientation(true)
                    .outputFormat(extension).toOutputStream(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    // formats the JDK cannot write get a PNG thumbnail, which keeps transparency
    private static String outputFormat(String extension) {
        String ext = extension.toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "jpg", "jpeg", "png", "gif", "bmp" -> ext;
            default -> "png";
        };
    }
}
