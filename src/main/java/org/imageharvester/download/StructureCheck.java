package org.imageharvester.download;

/**
 * Follows an image's structure as its bytes stream to disk, keeping none of them: a body cut short, or corrupt where
 * its format says what must come, fails before it counts as saved. One per body; each format has its own.
 */
abstract class StructureCheck {

    /** The check of a format ({@link ImageSignature}'s name), or null for a format whose structure is not followed. */
    static StructureCheck of(String format) {
        if (format == null) return null;
        return switch (format) {
            case "jpg" -> new JpegCheck();
            case "png" -> new PngCheck();
            case "gif" -> new GifCheck();
            case "webp" -> new WebpCheck();
            default -> null;
        };
    }

    /** Follows the next bytes of the body; throws as soon as they break the format. */
    abstract void update(byte[] bytes, int offset, int length) throws BrokenImageException;

    /** The body has ended: throws when it ended before its format says it may. */
    abstract void end() throws BrokenImageException;
}
