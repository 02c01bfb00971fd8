package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ChangeSegmentCountsTest {
    private final UUID asset = UUID.randomUUID();
    private final ChangeSegmentCounts counts = new ChangeSegmentCounts();
    /** The live segments of the latest snapshot, as the catalog would hold them. */
    private final List<WebmSegment> live = new ArrayList<>();

    private final AtomicInteger liveReads = new AtomicInteger();
    private UUID current;
    private long sequence;

    @Test
    void commitsOnTopOfTheCountedSnapshotAreCountedWithoutReadingTheLiveSegments() {
        assertThat(commit(false, 1, 0)).as("the first data is the base").isZero();
        assertThat(commit(false, 1, 0)).isEqualTo(1);
        assertThat(commit(false, 2, 1)).isEqualTo(4);
        assertThat(commit(false, 0, 1)).isEqualTo(5);
        assertThat(liveReads).as("live segments read").hasValue(0);
        assertThat(fresh()).isEqualTo(5);
    }

    @Test
    void aReplaceAllStartsOverWithItsOwnSegments() {
        commit(false, 1, 0);
        commit(false, 1, 1);
        assertThat(commit(true, 2, 0)).isZero();
        assertThat(commit(false, 1, 0)).isEqualTo(1);
        assertThat(commit(true, 0, 1))
                .as("deletes alone, no data: the next data is the base")
                .isEqualTo(1);
        assertThat(commit(false, 1, 0)).isEqualTo(1);
        assertThat(liveReads).hasValue(0);
        assertThat(fresh()).isEqualTo(1);
    }

    @Test
    void aSnapshotMadeElsewhereInBetweenIsCountedAfreshFromTheLiveSegments() {
        commit(false, 1, 0);
        commit(false, 1, 0);
        // A compaction (or a commit that did not pass the table service's check) makes a snapshot of its own.
        live.clear();
        current = UUID.randomUUID();
        live.add(segment(SegmentKind.DATA, 1));
        assertThat(commit(false, 1, 0)).isEqualTo(1);
        assertThat(liveReads).hasValue(1);
        assertThat(commit(false, 0, 1)).isEqualTo(2);
        assertThat(liveReads).hasValue(1);
    }

    /** Commits on top of the current snapshot: what the table service's check counts. */
    private int commit(boolean replaceAll, int dataSegments, int deleteSegments) {
        UUID parent = current;
        UUID committed = UUID.randomUUID();
        sequence++;
        if (replaceAll) {
            live.clear();
        }
        List<StagedSegment> data = new ArrayList<>();
        List<StagedSegment> deletes = new ArrayList<>();
        for (int i = 0; i < dataSegments; i++) {
            data.add(new StagedSegment("d" + sequence + "-" + i, 10, 100, "x", "{}"));
            live.add(segment(SegmentKind.DATA, sequence));
        }
        for (int i = 0; i < deleteSegments; i++) {
            deletes.add(new StagedSegment("x" + sequence + "-" + i, 10, 100, "x", "{}"));
            live.add(segment(SegmentKind.DELETES, sequence));
        }
        current = committed;
        StagedChanges staged = new StagedChanges(
                asset, SnapshotOperation.CDC, replaceAll, List.of(), data, deletes, parent, List.of());
        List<WebmSegment> now = List.copyOf(live);
        Supplier<List<WebmSegment>> read = () -> {
            liveReads.incrementAndGet();
            return now;
        };
        int counted = counts.afterCommit(parent, committed, staged, read);
        assertThat(counted).as("the count agrees with the live segments").isEqualTo(fresh());
        return counted;
    }

    private int fresh() {
        return MergeIndex.changeSegments(live).size();
    }

    private WebmSegment segment(SegmentKind kind, long dataSequence) {
        return new WebmSegment(asset, UUID.randomUUID(), "p", kind, 10, 100, "0".repeat(64), "{}", dataSequence);
    }
}
