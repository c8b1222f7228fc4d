package org.imageharvester.download;

/**
 * Follows a JPEG: its start marker, its marker segments by their lengths (their contents skipped), a frame header and a
 * scan, the entropy-coded data (looked at only for the markers in it: stuffed 0xFF00 and restarts go on), up to its
 * end marker. Bytes after the end marker (cameras append some) are not looked at.
 */
final class JpegCheck extends StructureCheck {

    private static final int START = 0;
    private static final int START_CODE = 1;
    private static final int MARKER = 2;
    private static final int CODE = 3;
    private static final int LENGTH = 4;
    private static final int LENGTH_LOW = 5;
    private static final int SEGMENT = 6;
    private static final int ENTROPY = 7;
    private static final int ENTROPY_FF = 8;
    private static final int DONE = 9;

    private int state = START;
    private long position;
    private int length;
    private int left;
    private boolean frame;
    private boolean scan;
    private boolean scanHeader;

    @Override
    void update(byte[] bytes, int offset, int count) throws BrokenImageException {
        int end = offset + count;
        long base = position - offset; // the body position of bytes[i] is base + i
        int i = offset;
        while (i < end && state != DONE) {
            if (state == SEGMENT) {
                int n = Math.min(left, end - i);
                i += n;
                if ((left -= n) == 0) state = scanHeader ? ENTROPY : MARKER;
            } else if (state == ENTROPY) {
                while (i < end && bytes[i] != (byte) 0xFF) i++;
                if (i < end) {
                    state = ENTROPY_FF;
                    i++;
                }
            } else {
                step(bytes[i] & 0xff, base + i);
                i++;
            }
        }
        position = base + end;
    }

    private void step(int c, long at) throws BrokenImageException {
        switch (state) {
            case START -> {
                if (c != 0xFF) throw BrokenImageException.corrupt("JPEG", "no start marker", at);
                state = START_CODE;
            }
            case START_CODE -> {
                if (c != 0xD8) throw BrokenImageException.corrupt("JPEG", "no start marker", at);
                state = MARKER;
            }
            case MARKER -> {
                if (c != 0xFF) throw BrokenImageException.corrupt("JPEG", "no marker where one should be", at);
                state = CODE;
            }
            case CODE -> marker(c, at);
            case ENTROPY_FF -> {
                if (c == 0 || c >= 0xD0 && c <= 0xD7) {
                    state = ENTROPY; // a stuffed 0xFF byte, or a restart marker: the scan goes on
                } else {
                    marker(c, at);
                }
            }
            case LENGTH -> {
                length = c << 8;
                state = LENGTH_LOW;
            }
            default -> { // LENGTH_LOW
                length |= c;
                if (length < 2) throw BrokenImageException.corrupt("JPEG", "a segment length of " + length, at - 1);
                left = length - 2;
                state = left > 0 ? SEGMENT : scanHeader ? ENTROPY : MARKER;
            }
        }
    }

    private void marker(int code, long at) throws BrokenImageException {
        if (code == 0xFF) return; // a fill byte before the marker's code
        if (code == 0xD9) {
            if (!frame) throw BrokenImageException.corrupt("JPEG", "an end marker before any frame header", at);
            if (!scan) throw BrokenImageException.corrupt("JPEG", "an end marker before any scan", at);
            state = DONE;
        } else if (code == 0x00 || code == 0xD8) {
            throw BrokenImageException.corrupt("JPEG", "no marker where one should be", at);
        } else if (code >= 0xD0 && code <= 0xD7 || code == 0x01) {
            state = MARKER; // a marker without a segment
        } else {
            // SOF0 to SOF15, but for DHT (C4), JPG (C8) and DAC (CC), which share their range
            if (code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC) frame = true;
            scanHeader = code == 0xDA;
            if (scanHeader && !frame) throw BrokenImageException.corrupt("JPEG", "a scan before its frame header", at);
            scan |= scanHeader;
            state = LENGTH;
        }
    }

    @Override
    void end() throws BrokenImageException {
        if (state != DONE) throw BrokenImageException.truncated("JPEG", "the data ends before its end marker");
    }
}
