package coop.cpc.lakehouse.sled;

import coop.cpc.lakehouse.sled.format.SegmentHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Which bytes of an undamaged database sled had made durable: everything whose LSN is at or below
 * the highest {@code max_stable_lsn} in the segment headers. A blob is named by the LSN of its log
 * message; {@code conf} never changes after creation.
 */
final class DurableRegion {

    private final long[] slotLsns;
    private final long durableLsn;
    private final int segmentSize;

    private DurableRegion(long[] slotLsns, long durableLsn, int segmentSize) {
        this.slotLsns = slotLsns;
        this.durableLsn = durableLsn;
        this.segmentSize = segmentSize;
    }

    static DurableRegion of(Path directory, int segmentSize) {
        try {
            byte[] log = Files.readAllBytes(directory.resolve("db"));
            long[] slots = new long[log.length / segmentSize];
            long durable = -1;
            for (int slot = 0; slot < slots.length; slot++) {
                int base = slot * segmentSize;
                SegmentHeader header = SegmentHeader.parse(Arrays.copyOfRange(log, base, base + SegmentHeader.LENGTH));
                slots[slot] = header.crcValid() ? header.lsn() : Long.MAX_VALUE;
                if (header.crcValid()) {
                    durable = Math.max(durable, header.maxStableLsn());
                }
            }
            return new DurableRegion(slots, durable, segmentSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the byte at {@code offset} of {@code file} (relative to the database directory) is durable. */
    boolean contains(String file, long offset) {
        if (file.equals("conf")) {
            return true;
        }
        if (file.startsWith("blobs")) {
            return Long.parseLong(Path.of(file).getFileName().toString()) <= durableLsn;
        }
        int slot = (int) (offset / segmentSize);
        if (slot >= slotLsns.length || slotLsns[slot] == Long.MAX_VALUE) {
            return false;
        }
        long inSegment = offset % segmentSize;
        return slotLsns[slot] + Math.max(inSegment, 0) <= durableLsn;
    }
}
