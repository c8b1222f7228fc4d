package org.imageharvester.thumbnail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The EXIF orientation (1 to 8) of a WebP (its RIFF {@code EXIF} chunk), a PNG (its {@code eXIf} chunk, before or
 * after the image data) or a TIFF (the tag in the file's own IFD0), read with a few bounded reads: chunk headers,
 * then at most 64 KB of the EXIF block. 0 when there is none, for other formats, and when the metadata is malformed.
 */
final class FileOrientation {

    // IFD0 leads an EXIF block; a longer block's other IFDs and maker notes are not read
    private static final int MOST = 64 * 1024;
    // a TIFF's IFD0 entries read: tags come in ascending order, and orientation (0x0112) is among the first
    private static final int ENTRIES = 1024;

    private FileOrientation() {
    }

    /** The orientation of the image file, whose format is as its ImageIO reader names it (webp, png, tiff...). */
    static int of(Path image, String format) {
        String name = format.toLowerCase(Locale.ROOT);
        if (!name.equals("webp") && !name.equals("png") && !name.contains("tif")) return 0;
        try (FileChannel file = FileChannel.open(image)) {
            return switch (name) {
                case "webp" -> exif(file, Chunks.riff(file, "EXIF"));
                case "png" -> exif(file, Chunks.png(file, "eXIf"));
                default -> tiff(file); // tif, tiff, bigtiff
            };
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int exif(FileChannel file, Chunks.Chunk chunk) throws IOException {
        if (chunk == null) return 0;
        return ExifOrientation.ofExif(read(file, chunk.start(), (int) Math.min(chunk.length(), MOST)));
    }

    // the file's header and its IFD0, put together as one small TIFF whose IFD0 follows the header
    private static int tiff(FileChannel file) throws IOException {
        ByteBuffer header = ByteBuffer.wrap(read(file, 0, 16));
        header.order(header.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        boolean big = header.getShort(2) == 43;
        int headerLength = big ? 16 : 8;
        long ifd = big ? header.getLong(8) : header.getInt(4) & 0xFFFFFFFFL;
        int entrySize = big ? 20 : 12;
        int countLength = big ? 8 : 2;
        ByteBuffer declared = ByteBuffer.wrap(read(file, ifd, countLength)).order(header.order());
        long entries = Math.min(big ? declared.getLong(0) : declared.getShort(0) & 0xFFFF,
                (file.size() - ifd - countLength) / entrySize);
        int count = (int) Math.max(0, Math.min(ENTRIES, entries));
        ByteBuffer small = ByteBuffer.allocate(headerLength + countLength + count * entrySize).order(header.order());
        small.put(header.array(), 0, headerLength);
        if (big) small.putLong(8, headerLength);
        else small.putInt(4, headerLength);
        small.put(headerLength, read(file, ifd, countLength + count * entrySize));
        return ExifOrientation.ofExif(small.array());
    }

    // exactly that many bytes from that position, or an IOException when the file is shorter
    private static byte[] read(FileChannel file, long at, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (at < 0 || file.read(bytes, at + bytes.position()) < 0) throw new IOException("the file ends early");
        }
        return bytes.array();
    }
}
