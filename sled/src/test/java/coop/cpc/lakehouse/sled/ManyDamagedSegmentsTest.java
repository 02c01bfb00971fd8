package coop.cpc.lakehouse.sled;

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

    @TempDir
    Path temp;

    @Test
    void aLogOfManyDamagedSegmentsOpensInTimeLinearInItsSize() {
        long[] pid = {1};
        // Free messages until each segment is full; the zeroed rest is a damaged message: a cut. They are replayed
        // in the last pass (the last segment's header says they were durable), where damage cuts them.
        SyntheticDatabase db = SyntheticDatabase.ofFreeSegments(DAMAGED_SEGMENTS, () -> pid[0]++, false);
        Path dir = db.writeTo(temp);

        SledDatabase opened = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> SledDatabase.open(dir));
        try (opened) {
            assertThat(opened.conf().segmentSize()).isEqualTo(SEGMENT_SIZE);
        }
    }
}
