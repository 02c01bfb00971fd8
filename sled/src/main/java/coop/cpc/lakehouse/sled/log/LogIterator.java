package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.format.DiskPointer;
import coop.cpc.lakehouse.sled.format.SegmentHeader;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Walks messages in LSN order across segments, a port of sled 0.34's {@code LogIter}. It stops at
 * {@code maxLsn}, at a segment whose header no longer matches, at unreadable data, and at a batch
 * whose end lies beyond {@code maxLsn}. A corrupted message is a tear (stop) in the first recovery
 * pass and the end of its segment in the last pass.
 */
final class LogIterator {

    private final LogFile log;
    private final MessageReader messages;
    private final BlobFiles blobs;
    private final int segmentSize;
    private final NavigableMap<Long, Long> segments;
    private final Long maxLsn;
    private final boolean lastStage;
    private SegmentBuffer segment;
    private Long currentLsn;

    LogIterator(LogFile log, MessageReader messages, BlobFiles blobs, int segmentSize,
            NavigableMap<Long, Long> segments, Long maxLsn, boolean lastStage) {
        this.log = log;
        this.messages = messages;
        this.blobs = blobs;
        this.segmentSize = segmentSize;
        this.segments = new TreeMap<>(segments);
        this.maxLsn = maxLsn;
        this.lastStage = lastStage;
    }

    /** The LSN where the next message would start, or null if no segment was read. */
    Long currentLsn() {
        return currentLsn;
    }

    /** The next page write, or null at the end of the recoverable log. */
    LogEntry next() {
        while (true) {
            if (!messages.isValidMessageOffset(currentLsn == null ? 0 : currentLsn)) {
                segment = null;
            }
            if (segment == null && !readSegment()) {
                return null;
            }
            long lsn = currentLsn;
            if (maxLsn != null && lsn > maxLsn) {
                return null;
            }
            long offset = segment.fileOffset() + Math.floorMod(lsn, (long) segmentSize);
            LogRead read = messages.read(segment, offset, lsn / segmentSize);
            if (read instanceof LogRead.Inline inline) {
                currentLsn = lsn + inline.inlineLength();
                return new LogEntry(inline.header().kind(), inline.header().pid(), lsn, new DiskPointer.Inline(offset));
            } else if (read instanceof LogRead.Blob blob) {
                BlobFiles.Check check = blobs.check(blob.blobLsn(), blob.header().kind());
                if (check == BlobFiles.Check.DAMAGED) {
                    return null;
                }
                currentLsn = lsn + blob.inlineLength();
                if (check == BlobFiles.Check.VALID) {
                    return new LogEntry(blob.header().kind(), blob.header().pid(), lsn,
                            new DiskPointer.Blob(offset, blob.blobLsn()));
                }
                // A dangling blob pointer is skipped, as sled does.
            } else if (read instanceof LogRead.BatchManifest batch) {
                if (maxLsn != null && batch.lastLsnInBatch() > maxLsn) {
                    return null;
                }
                currentLsn = lsn + batch.inlineLength();
            } else if (read instanceof LogRead.Canceled canceled) {
                currentLsn = lsn + canceled.inlineLength();
            } else if (read instanceof LogRead.Cap) {
                segment = null;
            } else if (read instanceof LogRead.Corrupted) {
                if (!lastStage) {
                    return null;
                }
                segment = null;
            } else {
                return null;
            }
        }
    }

    private boolean readSegment() {
        if (segments.isEmpty()) {
            return false;
        }
        long lsn = segments.firstKey();
        long offset = segments.firstEntry().getValue();
        if (maxLsn != null && lsn > maxLsn) {
            return false;
        }
        byte[] bytes = new byte[segmentSize];
        int length = log.read(offset, bytes, 0, segmentSize);
        if (length < SegmentHeader.LENGTH) {
            return false;
        }
        SegmentHeader header = SegmentHeader.parse(bytes);
        if (header.lsn() % segmentSize != 0 || header.lsn() != lsn) {
            return false;
        }
        if (currentLsn != null && lsn + segmentSize < currentLsn) {
            throw new CorruptSledFileException(log.path(), offset, "segment LSN " + lsn + " goes backwards");
        }
        currentLsn = lsn + SegmentHeader.LENGTH;
        segment = new SegmentBuffer(offset, bytes, length);
        segments.remove(lsn);
        return true;
    }
}
