package org.imageharvester.thumbnail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Finds a chunk in a RIFF (WebP) or PNG file by walking the chunk headers with positioned reads: 8 bytes a chunk,
 * never the data between them, wherever the chunk is (a WebP's EXIF and a PNG's eXIf often come after the image data).
 */
final class Chunks {

    // a PNG's image data in 8 KB IDAT chunks: 100,000 headers walk 800 MB, and take a few milliseconds
    private static final int MOST = 100_000;

    /** Where a chunk's data starts and how long it is. */
    record Chunk(long start, long length) {
    }

    private Chunks() {
    }

    /** The first chunk of that type in a WebP (RIFF, little-endian lengths, data padded to even), or null. */
    static Chunk riff(FileChannel file, String type) throws IOException {
        return find(file, 12, type, true);
    }

    /** The first chunk of that type in a PNG (big-endian lengths, a CRC after the data), or null. */
    static Chunk png(FileChannel file, String type) throws IOException {
        return find(file, 8, type, false);
    }

    private static Chunk find(FileChannel file, long at, String type, boolean riff) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8).order(riff ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long size = file.size();
        for (int n = 0; n < MOST && at + 8 <= size; n++) {
            header.clear();
            if (file.read(header, at) < 8) return null;
            long length = header.getInt(riff ? 4 : 0) & 0xFFFFFFFFL;
            String name = new String(header.array(), riff ? 0 : 4, 4, StandardCharsets.ISO_8859_1);
            if (name.equals(type)) return at + 8 + length <= size ? new Chunk(at + 8, length) : null;
            if (!riff && name.equals("IEND")) return null;
            at += 8 + length + (riff ? length & 1 : 4);
        }
        return null;
    }
}
