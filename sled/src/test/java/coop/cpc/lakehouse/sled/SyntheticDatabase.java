package coop.cpc.lakehouse.sled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Builds small sled 0.34 databases byte by byte (segment size 1 KiB, no compression) so that
 * recovery cases the real fixtures do not contain can be written down exactly.
 */
public final class SyntheticDatabase {

    public static final int SEGMENT_SIZE = 1024;

    /** Message kinds, sled 0.34 wire ids. */
    public static final int CANCELED = 1;

    public static final int CAP = 2;
    public static final int BATCH_MANIFEST = 3;
    public static final int FREE = 4;
    public static final int INLINE_META = 6;
    public static final int INLINE_NODE = 8;
    public static final int INLINE_LINK = 10;

    private byte[] log = new byte[0];

    /** Starts a segment at file slot {@code slot}; messages appended to it get LSNs from {@code lsn + 20}. */
    public Segment segment(int slot, long lsn, long maxStableLsn) {
        int offset = slot * SEGMENT_SIZE;
        if (log.length < offset + SEGMENT_SIZE) {
            log = Arrays.copyOf(log, offset + SEGMENT_SIZE);
        }
        System.arraycopy(SledEncoder.segmentHeader(lsn, maxStableLsn), 0, log, offset, 20);
        return new Segment(offset, lsn);
    }

    /**
     * A log of {@code segments} segments of Free messages of the pids {@code pids} gives, each filled up to its last
     * 64 bytes, then sealed by a Cap or (not {@code sealed}) left with a zeroed rest that reads as a damaged message,
     * and after them a sealed empty segment whose header says every segment before it was durable (so all are
     * replayed). The last segment is started first, so that the log's array is allocated once.
     */
    public static SyntheticDatabase ofFreeSegments(int segments, LongSupplier pids, boolean sealed) {
        SyntheticDatabase db = new SyntheticDatabase();
        long lastLsn = (long) segments * SEGMENT_SIZE;
        db.segment(segments, lastLsn, lastLsn).seal();
        for (int slot = 0; slot < segments; slot++) {
            Segment segment = db.segment(slot, (long) slot * SEGMENT_SIZE, -1);
            segment.fillWithFrees(pids);
            if (sealed) {
                segment.seal();
            }
        }
        return db;
    }

    /** Flips one bit of the log, to simulate a torn or damaged write. */
    public void flipBit(long fileOffset, int bit) {
        log[(int) fileOffset] ^= (byte) (1 << bit);
    }

    public Path writeTo(Path directory) {
        return writeTo(directory, log.length);
    }

    /** Writes {@code conf} and the first {@code logLength} bytes of the log ({@code db}). */
    public Path writeTo(Path directory, int logLength) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve("conf"), SledEncoder.conf(SEGMENT_SIZE, false, "0.34"));
            Files.write(directory.resolve("db"), Arrays.copyOf(log, logLength));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends messages to one segment. */
    public final class Segment {

        private final int fileOffset;
        private final long lsn;
        private int position = 20;

        private Segment(int fileOffset, long lsn) {
            this.fileOffset = fileOffset;
            this.lsn = lsn;
        }

        /** Appends a message and returns its file offset. */
        public long append(int kind, long pid, byte[] body) {
            return appendStamped(kind, lsn / SEGMENT_SIZE, pid, body);
        }

        /** Appends a message claiming another segment number, like stale bytes of a recycled segment. */
        public long appendStamped(int kind, long segmentNumber, long pid, byte[] body) {
            byte[] message = SledEncoder.message(kind, segmentNumber, pid, body);
            if (position + message.length > SEGMENT_SIZE - 32) {
                throw new IllegalStateException("segment full");
            }
            System.arraycopy(message, 0, log, fileOffset + position, message.length);
            long at = fileOffset + position;
            position += message.length;
            return at;
        }

        /** Ends the segment with a Cap, as sled does when it moves on to the next segment. */
        public void seal() {
            append(CAP, 0, new byte[0]);
        }

        /**
         * Free messages of the pids {@code pids} gives until the segment has at most 64 bytes left (where a Cap, or
         * the zeroed rest that reads as damage, ends it).
         */
        public void fillWithFrees(LongSupplier pids) {
            while (position < SEGMENT_SIZE - 64) {
                append(FREE, pids.getAsLong(), new byte[0]);
            }
        }

        /** LSN at which the next message will start. */
        public long nextLsn() {
            return lsn + position;
        }
    }
}
