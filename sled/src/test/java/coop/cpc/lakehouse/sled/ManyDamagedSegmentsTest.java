package coop.cpc.lakehouse.sled;

import static coop.cpc.lakehouse.sled.SyntheticDatabase.FREE;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.SEGMENT_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile log of many small segments, each cut short by damage and each freeing many pages, must
 * open in time that grows with the file, not with segments × pages: recovery checks every damaged
 * segment for live pages, and once scanned the whole page table for each of them.
 */
class ManyDamagedSegmentsTest {

    /** 6 MiB of log: 6,000 damaged segments and some 500,000 freed pages. */
    private static final int DAMAGED_SEGMENTS = 6_000;

    private static final byte[] EMPTY = new byte[0];

    @TempDir
    Path temp;

    @Test
    void aLogOfManyDamagedSegmentsOpensInTimeLinearInItsSize() {
        SyntheticDatabase db = new SyntheticDatabase();
        // The last segment first, so that the log's array is allocated once. Its header says every
        // segment before it was durable, so they are replayed in the last pass, where damage cuts them.
        long lastLsn = (long) DAMAGED_SEGMENTS * SEGMENT_SIZE;
        db.segment(DAMAGED_SEGMENTS, lastLsn, lastLsn).seal();
        long pid = 1;
        for (int slot = 0; slot < DAMAGED_SEGMENTS; slot++) {
            SyntheticDatabase.Segment segment = db.segment(slot, (long) slot * SEGMENT_SIZE, -1);
            // Free messages until the segment is full; the zeroed rest is a damaged message: a cut.
            while (segment.nextLsn() - (long) slot * SEGMENT_SIZE < SEGMENT_SIZE - 64) {
                segment.append(FREE, pid++, EMPTY);
            }
        }
        Path dir = db.writeTo(temp);

        SledDatabase opened = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> SledDatabase.open(dir));
        try (opened) {
            assertThat(opened.conf().segmentSize()).isEqualTo(SEGMENT_SIZE);
        }
    }
}
