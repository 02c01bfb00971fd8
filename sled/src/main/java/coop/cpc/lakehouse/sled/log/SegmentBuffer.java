package coop.cpc.lakehouse.sled.log;

/** One segment read into memory (shorter than a segment when the file ends early). */
final class SegmentBuffer implements LogBytes {

    private final long fileOffset;
    private final byte[] bytes;
    private final int length;

    SegmentBuffer(long fileOffset, byte[] bytes, int length) {
        this.fileOffset = fileOffset;
        this.bytes = bytes;
        this.length = length;
    }

    long fileOffset() {
        return fileOffset;
    }

    /** The byte at this log offset, or -1 outside the buffer. */
    int byteAt(long position) {
        long relative = position - fileOffset;
        return relative < 0 || relative >= length ? -1 : bytes[(int) relative] & 0xFF;
    }

    @Override
    public int read(long position, byte[] target, int offset, int count) {
        long relative = position - fileOffset;
        if (relative < 0 || relative > length) {
            return -1;
        }
        int available = (int) Math.min(count, length - relative);
        System.arraycopy(bytes, (int) relative, target, offset, available);
        return available;
    }
}
