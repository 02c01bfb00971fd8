package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.format.SegmentHeader;
import coop.cpc.lakehouse.sled.format.SledConf;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.Optional;
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
        Snapshot snapshot = snapshotFile.map(file -> Snapshot.read(file, conf.useCompression()))
                .orElseGet(() -> new Snapshot(null, new PageTable()));
        long segmentSize = conf.segmentSize();
        long startLsn = snapshot.stableLsn() == null ? 0 : snapshot.stableLsn();
        long normalizedLsn = startLsn / segmentSize * segmentSize;

        NavigableMap<Long, Long> ordering = new TreeMap<>();
        long maxHeaderStableLsn = readSegmentHeaders(normalizedLsn, ordering);
        long recoveredEnd = endOfContiguousTail(maxHeaderStableLsn, ordering);

        LogIterator replay = new LogIterator(log, messages, blobs, conf.segmentSize(),
                ordering.tailMap(normalizedLsn, true), recoveredEnd, true);
        long skipBelow = snapshot.stableLsn() == null ? -1 : snapshot.stableLsn();
        PageTable table = snapshot.pageTable();
        for (LogEntry entry = replay.next(); entry != null; entry = replay.next()) {
            if (entry.lsn() < skipBelow) {
                continue;
            }
            if (entry.lsn() >= recoveredEnd) {
                throw new CorruptSledFileException(log.path(), entry.pointer().logOffset(),
                        "message at LSN " + entry.lsn() + " lies beyond the recovered end " + recoveredEnd);
            }
            apply(table, entry);
        }
        return table;
    }

    private static void apply(PageTable table, LogEntry entry) {
        PageLocation location = new PageLocation(entry.lsn(), entry.pointer());
        if (entry.kind().isReplace()) {
            table.replace(entry.pid(), location);
        } else if (entry.kind().isLink()) {
            table.link(entry.pid(), location);
        } else {
            table.free(entry.pid());
        }
    }

    /** Fills {@code ordering} (segment LSN → file offset) and returns the highest stable LSN named in a header. */
    private long readSegmentHeaders(long minLsn, NavigableMap<Long, Long> ordering) {
        long segmentSize = conf.segmentSize();
        long fileLength = log.size();
        long segmentCount = fileLength / segmentSize + (fileLength % segmentSize < SegmentHeader.LENGTH ? 0 : 1);
        long maxStableLsn = minLsn;
        byte[] bytes = new byte[SegmentHeader.LENGTH];
        for (long index = 0; index < segmentCount; index++) {
            long offset = index * segmentSize;
            if (log.read(offset, bytes, 0, bytes.length) != bytes.length) {
                continue;
            }
            SegmentHeader header = SegmentHeader.parse(bytes);
            if (!header.crcValid() || header.lsn() < minLsn) {
                continue;
            }
            Long previous = ordering.put(header.lsn(), offset);
            if (previous != null) {
                throw new CorruptSledFileException(log.path(), offset,
                        "segment LSN " + header.lsn() + " also appears at offset " + previous);
            }
            maxStableLsn = Math.max(maxStableLsn, header.maxStableLsn());
        }
        return maxStableLsn;
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
        LogIterator scan = new LogIterator(log, messages, blobs, conf.segmentSize(), tail, missing, false);
        while (scan.next() != null) {
            // Only the position where the scan stops matters.
        }
        return (scan.currentLsn() == null ? 0 : scan.currentLsn()) - 1;
    }
}
