package coop.cpc.lakehouse.sled.format;

import java.util.zip.CRC32;

/**
 * The 20 bytes at the start of every segment: {@code crc32(bytes[4..20]) ^ 0xFFFFFFFF}, then the
 * segment's LSN and the highest stable LSN at the time, each XORed with {@code 0x7FFF_FFFF_FFFF_FFFF}.
 */
public record SegmentHeader(long lsn, long maxStableLsn, boolean crcValid) {

    public static final int LENGTH = 20;
    private static final long LSN_MASK = 0x7FFF_FFFF_FFFF_FFFFL;

    public static SegmentHeader parse(byte[] bytes) {
        if (bytes.length < LENGTH) {
            throw new MalformedPayloadException("segment header needs " + LENGTH + " bytes", bytes.length);
        }
        ByteCursor cursor = new ByteCursor(bytes, 0, LENGTH);
        long storedCrc = cursor.u32() ^ 0xFFFF_FFFFL;
        long lsn = cursor.i64() ^ LSN_MASK;
        long maxStableLsn = cursor.i64() ^ LSN_MASK;
        CRC32 crc = new CRC32();
        crc.update(bytes, 4, LENGTH - 4);
        return new SegmentHeader(lsn, maxStableLsn, crc.getValue() == storedCrc);
    }
}
