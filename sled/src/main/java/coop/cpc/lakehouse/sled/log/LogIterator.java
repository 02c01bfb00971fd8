package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.format.DiskPointer;
import coop.cpc.lakehouse.sled.format.MessageHeader;
import coop.cpc.lakehouse.sled.format.MessageKind;
import coop.cpc.lakehouse.sled.format.SegmentHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Walks messages in LSN order across segments, a port of sled 0.34's {@code LogIter}. It stops at
 * {@code maxLsn}, at a segment whose header no longer matches, at unreadable data, and at a batch
 * whose end lies beyond {@code maxLsn}. A corrupted message is a tear (stop) in the first recovery
 * pass and the end of its segment in the last pass.
 *
 * <p>Unlike sled, it refuses damage that cannot be a crash artefact, because sled would silently
 * roll the database back to an older state there: a tear at or below {@code durableLsn} (the
 * highest {@code max_stable_lsn} of any segment header, which sled had made durable) and a damaged
 * blob of such a message. Segments cut short in the last pass are reported as {@link Cut}s for
 * {@link LogRecovery} to judge once it knows the recovered state.
 */
final class LogIterator {

    private final LogFile log;
    private final MessageReader messages;
    private final BlobFiles blobs;
    private final int segmentSize;
    private final NavigableMap<Long, Long> segments;
    private final Long maxLsn;
    private final boolean lastStage;
    private final long durableLsn;
    private final List<Cut> cuts = new ArrayList<>();
    private SegmentBuffer segment;
    private Long currentLsn;

    LogIterator(
            LogFile log,
            MessageReader messages,
            BlobFiles blobs,
            int segmentSize,
            NavigableMap<Long, Long> segments,
            Long maxLsn,
            boolean lastStage,
            long durableLsn) {
        this.log = log;
        this.messages = messages;
        this.blobs = blobs;
        this.segmentSize = segmentSize;
        this.segments = new TreeMap<>(segments);
        this.maxLsn = maxLsn;
        this.lastStage = lastStage;
        this.durableLsn = durableLsn;
    }

    /**
     * A segment whose rest the last pass skipped after a corrupted message, with the intact page
     * writes of that segment found further on by scanning.
     */
    record Cut(long damagedOffset, PageWrites intactAfterDamage) {}

    List<Cut> cuts() {
        return cuts;
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
                BlobFiles.Check check =
                        blobs.check(blob.blobLsn(), blob.header().kind());
                if (check == BlobFiles.Check.DAMAGED) {
                    if (lsn <= durableLsn) {
                        throw new CorruptSledFileException(
                                blobs.path(blob.blobLsn()),
                                0,
                                "blob is damaged, but the" + " message pointing to it (LSN " + lsn
                                        + ") was durable (up to LSN " + durableLsn + ")");
                    }
                    return null;
                }
                currentLsn = lsn + blob.inlineLength();
                if (check == BlobFiles.Check.VALID) {
                    return new LogEntry(
                            blob.header().kind(),
                            blob.header().pid(),
                            lsn,
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
            } else {
                if (!lastStage && lsn <= durableLsn) {
                    throw new CorruptSledFileException(
                            log.path(),
                            offset,
                            "damaged message at LSN " + lsn + ", which segment headers say was durable (up to LSN "
                                    + durableLsn + ")");
                }
                if (!lastStage || read instanceof LogRead.Unreadable) {
                    return null;
                }
                cuts.add(new Cut(offset, intactMessagesAfter(offset, lsn - Math.floorMod(lsn, (long) segmentSize))));
                segment = null;
            }
        }
    }

    /** Page writes stamped with this segment's number anywhere past {@code damagedOffset}. */
    private PageWrites intactMessagesAfter(long damagedOffset, long segmentLsn) {
        PageWrites found = new PageWrites();
        long segmentNumber = segmentLsn / segmentSize;
        SegmentBuffer scanned = segment.forScanning();
        long end = scanned.fileOffset() + segmentSize - MessageHeader.MAX_LENGTH;
        for (long offset = damagedOffset + 1; offset <= end; offset++) {
            int kind = scanned.byteAt(offset + 4);
            if (kind < MessageKind.FREE.id() || kind > MessageKind.BLOB_LINK.id()) {
                continue;
            }
            LogRead read = messages.read(scanned, offset, segmentNumber);
            long lsn = segmentLsn + (offset - scanned.fileOffset());
            if (read instanceof LogRead.Inline inline) {
                found.add(inline.header().pid(), lsn);
                offset += inline.inlineLength() - 1;
            } else if (read instanceof LogRead.Blob blob) {
                found.add(blob.header().pid(), lsn);
                offset += blob.inlineLength() - 1;
            }
        }
        return found;
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
