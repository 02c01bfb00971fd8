package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.format.ByteCursor;
import coop.cpc.lakehouse.sled.format.MessageHeader;
import coop.cpc.lakehouse.sled.format.MessageKind;
import coop.cpc.lakehouse.sled.format.SegmentHeader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Reads one log message the way sled 0.34's {@code read_message} does. A message is valid iff
 * {@code crc == crc32(body ‖ header[4..]) ^ 0xFFFFFFFF} and its segment number is the one its LSN implies.
 */
public final class MessageReader {

    /** sled reads this many bytes for a header and takes a short body from the same read. */
    private static final int HEADER_READ = 128;

    private final Path logPath;
    private final int segmentSize;

    public MessageReader(Path logPath, int segmentSize) {
        this.logPath = logPath;
        this.segmentSize = segmentSize;
    }

    /** Whether a message may start at this log offset: past the segment header, not in the last 32 bytes. */
    public boolean isValidMessageOffset(long offset) {
        long inSegment = Math.floorMod(offset, (long) segmentSize);
        return offset >= 0 && inSegment >= SegmentHeader.LENGTH && inSegment <= segmentSize - MessageHeader.MAX_LENGTH;
    }

    LogRead read(LogBytes log, long offset, long expectedSegmentNumber) {
        byte[] head = new byte[HEADER_READ];
        if (log.read(offset, head, 0, HEADER_READ) < 0) {
            return new LogRead.Unreadable();
        }
        MessageHeader header = MessageHeader.parse(head, 0, HEADER_READ);
        long ceiling = offset - Math.floorMod(offset, (long) segmentSize) + segmentSize;
        long maxBodyLength = ceiling - offset - header.length();
        if (Long.compareUnsigned(header.bodyLength(), maxBodyLength) > 0 || header.kind() == MessageKind.CORRUPTED) {
            return new LogRead.Corrupted();
        }
        int bodyLength = (int) header.bodyLength();
        byte[] body;
        if (bodyLength <= HEADER_READ - header.length()) {
            body = Arrays.copyOfRange(head, header.length(), header.length() + bodyLength);
        } else if (log instanceof SegmentBuffer segment && segment.scanning()) {
            // A scan tries every offset: check the claimed body without copying it, and copy only an intact one.
            long bodyCrc = segment.crc32(offset + header.length(), bodyLength);
            if (bodyCrc < 0) {
                return new LogRead.Unreadable();
            }
            if (!intact(header, head, bodyCrc, expectedSegmentNumber)) {
                return new LogRead.Corrupted();
            }
            body = new byte[bodyLength];
            segment.read(offset + header.length(), body, 0, bodyLength);
        } else {
            body = new byte[bodyLength];
            if (log.read(offset + header.length(), body, 0, bodyLength) != bodyLength) {
                return new LogRead.Unreadable();
            }
        }
        if (!intact(header, head, crc32(body), expectedSegmentNumber)) {
            return new LogRead.Corrupted();
        }
        int inlineLength = header.length() + bodyLength;
        MessageKind kind = header.kind();
        if (kind == MessageKind.CANCELED) {
            return new LogRead.Canceled(inlineLength);
        }
        if (kind == MessageKind.CAP) {
            return new LogRead.Cap();
        }
        if (kind == MessageKind.BATCH_MANIFEST) {
            return new LogRead.BatchManifest(lsnBody(body, offset, header), inlineLength);
        }
        if (kind.isBlob()) {
            return new LogRead.Blob(header, lsnBody(body, offset, header), inlineLength);
        }
        return new LogRead.Inline(header, body, inlineLength);
    }

    /**
     * The segment number stamped on a CRC-valid message at this offset, or -1 if there is no
     * intact message there.
     */
    long stampAt(LogBytes log, long offset) {
        if (!isValidMessageOffset(offset)) {
            return -1;
        }
        byte[] head = new byte[HEADER_READ];
        if (log.read(offset, head, 0, HEADER_READ) < 0) {
            return -1;
        }
        MessageHeader header = MessageHeader.parse(head, 0, HEADER_READ);
        long ceiling = offset - Math.floorMod(offset, (long) segmentSize) + segmentSize;
        if (Long.compareUnsigned(header.bodyLength(), ceiling - offset - header.length()) > 0
                || header.kind() == MessageKind.CORRUPTED) {
            return -1;
        }
        long bodyCrc;
        if (log instanceof SegmentBuffer segment && segment.scanning()) {
            bodyCrc = segment.crc32(offset + header.length(), (int) header.bodyLength());
        } else {
            byte[] body = new byte[(int) header.bodyLength()];
            bodyCrc = log.read(offset + header.length(), body, 0, body.length) == body.length ? crc32(body) : -1;
        }
        return bodyCrc >= 0 && messageCrc(head, header, bodyCrc) == header.crc() ? header.segmentNumber() : -1;
    }

    /** sled's check: {@code crc == crc32(body ‖ header[4..]) ^ 0xFFFFFFFF}, and the segment number its LSN implies. */
    private static boolean intact(MessageHeader header, byte[] head, long bodyCrc, long expectedSegmentNumber) {
        return messageCrc(head, header, bodyCrc) == header.crc() && header.segmentNumber() == expectedSegmentNumber;
    }

    /** {@code crc32(body ‖ header[4..]) ^ 0xFFFFFFFF} from the body's CRC-32. */
    private static long messageCrc(byte[] head, MessageHeader header, long bodyCrc) {
        CRC32 tail = new CRC32();
        tail.update(head, 4, header.length() - 4);
        return RangeCrc.combine(bodyCrc, tail.getValue(), header.length() - 4) ^ 0xFFFF_FFFFL;
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Batch manifests and blob pointers carry exactly one i64; a CRC-valid message with another size is not sled's. */
    private long lsnBody(byte[] body, long offset, MessageHeader header) {
        if (body.length != Long.BYTES) {
            throw new CorruptSledFileException(
                    logPath, offset, header.kind() + " message body is " + body.length + " bytes, expected 8");
        }
        return new ByteCursor(body).i64();
    }
}
