package coop.cpc.lakehouse.sled.log;

import java.util.zip.CRC32;

/** One segment read into memory (shorter than a segment when the file ends early). */
final class SegmentBuffer implements LogBytes {

    private final long fileOffset;
    private final byte[] bytes;
    private final int length;
    private final boolean scanning;
    private RangeCrc ranges;

    SegmentBuffer(long fileOffset, byte[] bytes, int length) {
        this(fileOffset, bytes, length, false);
    }

    private SegmentBuffer(long fileOffset, byte[] bytes, int length, boolean scanning) {
        this.fileOffset = fileOffset;
        this.bytes = bytes;
        this.length = length;
        this.scanning = scanning;
    }

    /**
     * The same bytes, for a scan that tries a message at every offset: {@link #crc32} then answers from CRCs of every
     * prefix (four bytes of memory a byte, computed on first use), so that crafted bytes claiming long bodies at
     * every offset cost the scan time linear in the segment, not quadratic.
     */
    SegmentBuffer forScanning() {
        return new SegmentBuffer(fileOffset, bytes, length, true);
    }

    boolean scanning() {
        return scanning;
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

    /** The CRC-32 of {@code count} bytes at this log offset, or -1 if the buffer does not hold them all. */
    long crc32(long position, int count) {
        long relative = position - fileOffset;
        if (relative < 0 || count < 0 || relative + count > length) {
            return -1;
        }
        if (scanning) {
            if (ranges == null) {
                ranges = new RangeCrc(bytes, length);
            }
            return ranges.of((int) relative, (int) relative + count);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, (int) relative, count);
        return crc.getValue();
    }
}
