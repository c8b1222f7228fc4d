package org.imageharvester.download;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Follows a PNG: its signature, then chunk after chunk by their lengths, IHDR first, each one's CRC-32 checked, up to
 * IEND. Bytes after IEND are not looked at.
 */
final class PngCheck extends StructureCheck {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int IHDR = 0x49484452;
    private static final int IEND = 0x49454E44;
    private static final int START = 0;
    private static final int LENGTH = 1;
    private static final int TYPE = 2;
    private static final int DATA = 3;
    private static final int CRC = 4;
    private static final int DONE = 5;

    private final CRC32 crc = new CRC32();
    private int state = START;
    private long position;
    private int got; // bytes of the current field so far
    private int field;
    private long left;
    private int type;
    private int chunks;

    @Override
    void update(byte[] bytes, int offset, int count) throws BrokenImageException {
        int end = offset + count;
        long base = position - offset; // the body position of bytes[i] is base + i
        int i = offset;
        while (i < end && state != DONE) {
            if (state == DATA) {
                int n = (int) Math.min(left, end - i);
                crc.update(bytes, i, n);
                i += n;
                if ((left -= n) == 0) state = CRC;
            } else {
                step(bytes[i] & 0xff, base + i);
                i++;
            }
        }
        position = base + end;
    }

    private void step(int c, long at) throws BrokenImageException {
        if (state == START) {
            if (c != (SIGNATURE[got] & 0xff)) throw BrokenImageException.corrupt("PNG", "no PNG signature", at);
            if (++got == SIGNATURE.length) next(LENGTH);
            return;
        }
        if (state == TYPE) {
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                throw BrokenImageException.corrupt("PNG", "no chunk where one should be", at - got - 4);
            }
            crc.update(c);
        }
        field = field << 8 | c;
        if (++got < 4) return;
        if (state == LENGTH) {
            if (field < 0) throw BrokenImageException.corrupt("PNG", "a chunk length over 2^31 - 1", at - 3);
            left = field;
            crc.reset();
            next(TYPE);
        } else if (state == TYPE) {
            type = field;
            if (chunks++ == 0 && type != IHDR) {
                throw BrokenImageException.corrupt("PNG", "its first chunk is " + name(type) + ", not IHDR", at - 7);
            }
            next(left > 0 ? DATA : CRC);
        } else { // CRC
            if (field != (int) crc.getValue()) throw BrokenImageException.corrupt("PNG", "bad CRC in " + name(type),
                    at - 3);
            next(type == IEND ? DONE : LENGTH);
        }
    }

    private void next(int state) {
        this.state = state;
        got = 0;
        field = 0;
    }

    @Override
    void end() throws BrokenImageException {
        if (state == DONE) return;
        String where = chunks == 0 ? "after its signature"
                : state == LENGTH && got == 0 ? "after its " + name(type) + " chunk"
                : state == DATA || state == CRC ? "inside its " + name(type) + " chunk" : "inside a chunk header";
        throw BrokenImageException.truncated("PNG", "no IEND (the data ends " + where + ")");
    }

    // a chunk type: four ASCII letters, checked as they came
    private static String name(int type) {
        byte[] letters = {(byte) (type >>> 24), (byte) (type >>> 16), (byte) (type >>> 8), (byte) type};
        return new String(letters, StandardCharsets.US_ASCII);
    }
}
