package org.imageharvester.download;

/** Follows a WebP: its RIFF header, and the size it states, which the body must reach. */
final class WebpCheck extends StructureCheck {

    private static final byte[] HEADER = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'};

    private long position;
    private long size;

    @Override
    void update(byte[] bytes, int offset, int count) throws BrokenImageException {
        for (int i = offset; i < offset + count && position + i - offset < HEADER.length; i++) {
            long at = position + i - offset;
            int c = bytes[i] & 0xff;
            if (at >= 4 && at < 8) {
                size |= (long) c << 8 * (at - 4); // little-endian
            } else if (c != HEADER[(int) at]) {
                throw BrokenImageException.corrupt("WebP", "no RIFF WEBP header", at);
            }
        }
        position += count;
    }

    @Override
    void end() throws BrokenImageException {
        if (position < HEADER.length) throw BrokenImageException.truncated("WebP", "the data ends inside its header");
        if (position < 8 + size) throw BrokenImageException.truncated("WebP", "its RIFF header says " + (8 + size)
                + " bytes, " + position + " arrived");
    }
}
