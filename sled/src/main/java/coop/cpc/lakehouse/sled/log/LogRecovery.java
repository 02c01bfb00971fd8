package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.format.MessageHeader;
import coop.cpc.lakehouse.sled.format.MessageKind;
import coop.cpc.lakehouse.sled.format.SegmentHeader;
import coop.cpc.lakehouse.sled.format.SledConf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds the page table the way sled 0.34 recovers on open, but only in memory: nothing is
 * zeroed, truncated or rewritten on disk.
 *
 * <ol>
 *   <li>Start from the newest snapshot, if any.</li>
 *   <li>Keep segments whose header CRC is valid and whose LSN is at or above the snapshot's stable
 *       LSN rounded down to a segment.</li>
 *   <li>Above the highest {@code max_stable_lsn} in any header, segments must have consecutive LSNs
 *       and messages must not be torn: the end of the last good message there is the recovered end.</li>
 *   <li>Replay every message up to that end; a batch that ends beyond it is dropped whole.</li>
 * </ol>
 */
public final class LogRecovery {

    private final Path directory;
    private final SledConf conf;
    private final LogFile log;
    private final MessageReader messages;
    private final BlobFiles blobs;

    public LogRecovery(Path directory, SledConf conf, LogFile log, BlobFiles blobs) {
        this.directory = directory;
        this.conf = conf;
        this.log = log;
        this.messages = new MessageReader(log.path(), conf.segmentSize());
        this.blobs = blobs;
    }

    public PageTable recover() {
        Optional<Path> snapshotFile = Snapshot.newest(directory);
        Snapshot snapshot = snapshotFile
                .map(file -> Snapshot.read(file, conf.useCompression()))
                .orElseGet(() -> new Snapshot(null, new PageTable()));
        long segmentSize = conf.segmentSize();
        long startLsn = snapshot.stableLsn() == null ? 0 : snapshot.stableLsn();
        long normalizedLsn = startLsn / segmentSize * segmentSize;

        NavigableMap<Long, Long> ordering = new TreeMap<>();
        long maxHeaderStableLsn = readSegmentHeaders(normalizedLsn, ordering);
        long recoveredEnd = endOfContiguousTail(maxHeaderStableLsn, ordering);

        LogIterator replay = new LogIterator(
                log,
                messages,
                blobs,
                conf.segmentSize(),
                ordering.tailMap(normalizedLsn, true),
                recoveredEnd,
                true,
                maxHeaderStableLsn);
        long skipBelow = snapshot.stableLsn() == null ? -1 : snapshot.stableLsn();
        PageTable table = snapshot.pageTable();
        for (LogEntry entry = replay.next(); entry != null; entry = replay.next()) {
            if (entry.lsn() < skipBelow) {
                continue;
            }
            if (entry.lsn() >= recoveredEnd) {
                throw new CorruptSledFileException(
                        log.path(),
                        entry.pointer().logOffset(),
                        "message at LSN " + entry.lsn() + " lies beyond the recovered end " + recoveredEnd);
            }
            apply(table, entry);
        }
        if (!replay.cuts().isEmpty()) {
            Set<Long> liveSegments = table.segmentsReferenced(conf.segmentSize());
            for (LogIterator.Cut cut : replay.cuts()) {
                requireNothingLiveLost(table, liveSegments, cut);
            }
        }
        return table;
    }

    /**
     * sled skips the rest of a segment after a corrupted message because a freed segment may be
     * half overwritten. A freed segment holds nothing live: every page it held was written again
     * later. So if the segment still holds a live fragment, or if an intact message found past the
     * damage is newer than anything recovered for its page, the damage hid live state.
     */
    private void requireNothingLiveLost(PageTable table, Set<Long> liveSegments, LogIterator.Cut cut) {
        if (liveSegments.contains(Math.floorDiv(cut.damagedOffset(), (long) conf.segmentSize()))) {
            throw new CorruptSledFileException(
                    log.path(), cut.damagedOffset(), "damaged message in a segment that holds live pages");
        }
        PageWrites skipped = cut.intactAfterDamage();
        for (int i = 0; i < skipped.size(); i++) {
            if (!table.hasWriteSince(skipped.pid(i), skipped.lsn(i))) {
                throw new CorruptSledFileException(
                        log.path(),
                        cut.damagedOffset(),
                        "damaged message hides the newest" + " write of page " + skipped.pid(i) + " (LSN "
                                + skipped.lsn(i) + ")");
            }
        }
    }

    private long firstIntactStamp(long slotOffset) {
        int segmentSize = conf.segmentSize();
        byte[] bytes = new byte[segmentSize];
        int length = log.read(slotOffset, bytes, 0, segmentSize);
        if (length <= 0) {
            return -1;
        }
        SegmentBuffer slot = new SegmentBuffer(slotOffset, bytes, length).forScanning();
        for (long offset = slotOffset + SegmentHeader.LENGTH;
                offset <= slotOffset + segmentSize - MessageHeader.MAX_LENGTH;
                offset++) {
            int kind = slot.byteAt(offset + 4);
            if (kind > MessageKind.CORRUPTED.id() && kind <= MessageKind.BLOB_LINK.id()) {
                long stamp = messages.stampAt(slot, offset);
                if (stamp >= 0) {
                    return stamp;
                }
            }
        }
        return -1;
    }

    private static void apply(PageTable table, LogEntry entry) {
        PageLocation location = new PageLocation(entry.lsn(), entry.pointer());
        if (entry.kind().isReplace()) {
            table.replace(entry.pid(), location);
        } else if (entry.kind().isLink()) {
            table.link(entry.pid(), location);
        } else {
            table.free(entry.pid(), entry.lsn());
        }
    }

    /** Fills {@code ordering} (segment LSN → file offset) and returns the highest stable LSN named in a header. */
    private long readSegmentHeaders(long minLsn, NavigableMap<Long, Long> ordering) {
        long segmentSize = conf.segmentSize();
        long fileLength = log.size();
        long segmentCount = fileLength / segmentSize + (fileLength % segmentSize < SegmentHeader.LENGTH ? 0 : 1);
        long maxStableLsn = minLsn;
        List<Long> damagedHeaders = new ArrayList<>();
        byte[] bytes = new byte[SegmentHeader.LENGTH];
        for (long index = 0; index < segmentCount; index++) {
            long offset = index * segmentSize;
            if (log.read(offset, bytes, 0, bytes.length) != bytes.length) {
                continue;
            }
            SegmentHeader header = SegmentHeader.parse(bytes);
            if (!header.crcValid()) {
                damagedHeaders.add(offset);
            }
            if (!header.crcValid() || header.lsn() < minLsn) {
                continue;
            }
            Long previous = ordering.put(header.lsn(), offset);
            if (previous != null) {
                throw new CorruptSledFileException(
                        log.path(), offset, "segment LSN " + header.lsn() + " also appears at offset " + previous);
            }
            maxStableLsn = Math.max(maxStableLsn, header.maxStableLsn());
        }
        for (long offset : damagedHeaders) {
            requireNotDurable(offset, minLsn, maxStableLsn, ordering);
        }
        return maxStableLsn;
    }

    /**
     * A slot whose header is invalid is either unused, zeroed by sled (it zeroes segments it gives
     * up on), torn by a crash, or damaged. Its first intact message tells which segment it held:
     * if that segment was durable and no other slot holds it, its pages would silently vanish.
     */
    private void requireNotDurable(long offset, long minLsn, long durableLsn, NavigableMap<Long, Long> ordering) {
        long stamp = firstIntactStamp(offset);
        if (stamp < 0) {
            return;
        }
        long lsn = stamp * conf.segmentSize();
        if (lsn >= minLsn && lsn <= durableLsn && !ordering.containsKey(lsn)) {
            throw new CorruptSledFileException(
                    log.path(),
                    offset,
                    "damaged header of the segment at LSN " + lsn + ", which was durable (up to LSN " + durableLsn
                            + ")");
        }
    }

    /**
     * Replays the unstable tail (segments from {@code maxHeaderStableLsn} on, while their LSNs are
     * consecutive) and returns the LSN of the last byte of its last intact message.
     */
    private long endOfContiguousTail(long maxHeaderStableLsn, NavigableMap<Long, Long> ordering) {
        long segmentSize = conf.segmentSize();
        long lowest = Math.max(0, maxHeaderStableLsn / segmentSize * segmentSize);
        NavigableMap<Long, Long> tail = new TreeMap<>();
        long expected = lowest;
        Long missing = null;
        for (var segment : ordering.tailMap(lowest, true).entrySet()) {
            if (segment.getKey() != expected) {
                missing = expected;
                break;
            }
            tail.put(segment.getKey(), segment.getValue());
            expected += segmentSize;
        }
        long firstAbsent = missing == null ? expected : missing;
        if (!ordering.isEmpty() && firstAbsent <= maxHeaderStableLsn) {
            throw new CorruptSledFileException(
                    log.path(),
                    tail.isEmpty() ? 0 : tail.lastEntry().getValue(),
                    "no intact segment holds LSN " + firstAbsent + ", which segment headers say was durable (up to LSN "
                            + maxHeaderStableLsn + ")");
        }
        LogIterator scan =
                new LogIterator(log, messages, blobs, conf.segmentSize(), tail, missing, false, maxHeaderStableLsn);
        while (scan.next() != null) {
            // Only the position where the scan stops matters.
        }
        return (scan.currentLsn() == null ? 0 : scan.currentLsn()) - 1;
    }
}
