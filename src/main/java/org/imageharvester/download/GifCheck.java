package org.imageharvester.download;

/**
 * Follows a GIF: its header and colour table, then block after block (extensions and images, their colour tables and
 * data sub-blocks skipped by their sizes) up to the trailer. Bytes after the trailer are not looked at.
 */
final class GifCheck extends StructureCheck {

    private static final int HEADER = 0;
    private static final int SKIP = 1;
    private static final int BLOCK = 2;
    private static final int LABEL = 3;
    private static final int DESCRIPTOR = 4;
    private static final int CODE_SIZE = 5;
    private static final int SUB_BLOCK = 6;
    private static final int DONE = 7;

    private int state = HEADER;
    private long position;
    private int got;
    private int flags;
    private int skip;
    private int afterSkip;

    @Override
    void update(byte[] bytes, int offset, int count) throws BrokenImageException {
        int end = offset + count;
        long base = position - offset; // the body position of bytes[i] is base + i
        int i = offset;
        while (i < end && state != DONE) {
            if (state == SKIP) {
                int n = Math.min(skip, end - i);
                i += n;
                if ((skip -= n) == 0) state = afterSkip;
            } else {
                step(bytes[i] & 0xff, base + i);
                i++;
            }
        }
        position = base + end;
    }

    private void step(int c, long at) throws BrokenImageException {
        switch (state) {
            case HEADER -> { // GIF87a or GIF89a, the screen's size, its flags (byte 10), background, aspect
                if (got < 3 && c != "GIF".charAt(got)) {
                    throw BrokenImageException.corrupt("GIF", "no GIF signature", at);
                }
                if (got == 10) flags = c;
                if (++got == 13) colourTable(flags, BLOCK);
            }
            case BLOCK -> {
                if (c == 0x21) {
                    state = LABEL;
                } else if (c == 0x2C) {
                    got = 0;
                    state = DESCRIPTOR;
                } else if (c == 0x3B) {
                    state = DONE;
                } else {
                    throw BrokenImageException.corrupt("GIF", "no block where one should be", at);
                }
            }
            case LABEL -> state = SUB_BLOCK;
            case DESCRIPTOR -> { // the image's position and size, its flags (its last byte)
                if (++got == 9) colourTable(c, CODE_SIZE);
            }
            case CODE_SIZE -> state = SUB_BLOCK;
            default -> { // SUB_BLOCK: its size, or 0 at the end of the block
                if (c == 0) {
                    state = BLOCK;
                } else {
                    skip(c, SUB_BLOCK);
                }
            }
        }
    }

    private void colourTable(int flags, int after) {
        if ((flags & 0x80) == 0) {
            state = after;
        } else {
            skip(3 << ((flags & 7) + 1), after);
        }
    }

    private void skip(int bytes, int after) {
        skip = bytes;
        afterSkip = after;
        state = SKIP;
    }

    @Override
    void end() throws BrokenImageException {
        if (state != DONE) throw BrokenImageException.truncated("GIF", "the data ends before its trailer");
    }
}
