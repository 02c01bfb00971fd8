package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import coop.cpc.lakehouse.application.table.AsOf;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.CompactionResult;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compaction of a keyed asset rewrites only what needs it: base segments of at least half {@code
 * compaction_target_rows} rows whose key range no change touches stay live as they were (same ids, same files),
 * the rest is rewritten into segments of the base's data sequence, and the rows, the change feed and commits made
 * while it runs come out as if the whole asset had been rewritten.
 */
class CompactionKeepsUntouchedBaseSegmentsTest {
    private static final int TARGET = 1024;

    @TempDir
    Path root;

    private TableServiceFixture table;
    /** The model: id → name. */
    private final Map<Long, String> expected = new TreeMap<>();
    /** The base: ids 0 to 2046 in two full segments, 2047 to 2199 in a small one (all of one data sequence). */
    private List<WebmSegment> base;

    @BeforeEach
    void baseOfTwoFullSegmentsAndASmallOne() throws Exception {
        table = new TableServiceFixture(
                new SegmentFiles(root),
                TableServiceFixture.keyedIdAndName(),
                Map.of("data_lakehouse.compaction_target_rows", String.valueOf(TARGET)));
        upsert(0, 2200, "v0");
        // An update of the first key: the compaction rewrites everything (changed rows first), nothing is kept.
        upsert(0, 1, "v1");
        CompactionResult first = table.service.compact(table.assetId);
        assertThat(first.segmentsKept()).isZero();
        base = live();
        assertThat(base).extracting(WebmSegment::getRowCount).containsExactly(1024L, 1024L, 152L);
    }

    @Test
    void anInsertStreamOverALargeBaseRewritesOnlyItsChangeSegmentsAndTheSmallLastBaseSegment() throws Exception {
        UUID before = current();
        for (int commit = 0; commit < 5; commit++) {
            upsert(2200 + commit * 50, 50, "new");
        }
        UUID compactedFrom = current();

        CompactionResult result = table.service.compact(table.assetId);

        assertThat(result.segmentsKept()).isEqualTo(2);
        assertThat(result.segmentsRead())
                .as("the small base segment and the 5 change segments")
                .isEqualTo(6);
        assertThat(result.segmentsWritten()).isEqualTo(1);
        List<WebmSegment> after = live();
        assertThat(after.subList(0, 2)).isEqualTo(base.subList(0, 2));
        assertThat(after.subList(0, 2))
                .extracting(WebmSegment::getPath)
                .containsExactly(base.get(0).getPath(), base.get(1).getPath());
        assertThat(after)
                .extracting(WebmSegment::getDataSequence)
                .containsOnly(base.get(0).getDataSequence());
        assertThat(MergeIndex.changeSegments(after)).isEmpty();
        assertThat(new ObjectMapper()
                        .readTree(table.service
                                .snapshots
                                .find(result.snapshotId())
                                .orElseThrow()
                                .getSummary())
                        .path("segmentsKept")
                        .asInt())
                .isEqualTo(2);
        assertThat(rows(result.snapshotId())).isEqualTo(expected);
        // Time travel and the change feed see the compaction as nothing.
        assertThat(rows(compactedFrom)).isEqualTo(expected);
        assertThat(table.service
                        .changes(table.assetId, compactedFrom, result.snapshotId(), 100, null, Long.MAX_VALUE)
                        .changes())
                .isEmpty();
        assertThat(table.service
                        .changes(table.assetId, before, result.snapshotId(), 500, null, Long.MAX_VALUE)
                        .changes())
                .hasSize(250);
        assertThat(table.service.compact(table.assetId).snapshotId())
                .as("nothing left worth compacting")
                .isNull();
    }

    @Test
    void anUpdateOrADeleteInsideABaseSegmentsKeyRangeHasItRewritten() throws Exception {
        upsert(1500, 1, "updated");
        upsert(5000, 10, "new");

        CompactionResult updated = table.service.compact(table.assetId);

        assertThat(live()).contains(base.get(0)).doesNotContain(base.get(1), base.get(2));
        assertThat(updated.segmentsKept()).isEqualTo(1);
        assertThat(rows(updated.snapshotId())).isEqualTo(expected);

        table.service.deleteText(table.assetId, List.of(List.of("10")));
        expected.remove(10L);

        CompactionResult deleted = table.service.compact(table.assetId);

        assertThat(live()).doesNotContain(base.get(0));
        assertThat(rows(deleted.snapshotId())).isEqualTo(expected);
        assertThat(MergeIndex.changeSegments(live())).isEmpty();
    }

    @Test
    void aCommitBetweenTheCompactionsReadAndItsCommitStaysVisibleAndWins() throws Exception {
        upsert(2200, 100, "new");
        List<CommitResult> racing = new ArrayList<>();
        table.beforeNextCompactionCommit(compaction -> {
            // A key of a kept segment, one of the rewritten small base segment, one of a rewritten change segment, a
            // delete of another and a new key: all committed after the compaction read.
            racing.add(table.service.upsertText(
                    table.assetId,
                    TableServiceFixture.ID_AND_NAME,
                    List.of(
                            List.of("5", "late"),
                            List.of("2100", "late"),
                            List.of("2250", "late"),
                            List.of("9000", "late"))));
            table.service.deleteText(table.assetId, List.of(List.of("2260")));
        });
        for (long id : List.of(5L, 2100L, 2250L, 9000L)) {
            expected.put(id, "late");
        }
        expected.remove(2260L);

        CompactionResult result = table.service.compact(table.assetId);

        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.segmentsKept()).isEqualTo(2);
        assertThat(rows(result.snapshotId())).isEqualTo(expected);
        List<WebmSegment> after = live();
        assertThat(MergeIndex.changeSegments(after))
                .as("the racing commits' segments, still newer than the base")
                .hasSize(2)
                .allSatisfy(g -> assertThat(g.getDataSequence())
                        .isGreaterThanOrEqualTo(racing.get(0).sequenceNumber()));
        table.service.compact(table.assetId);
        assertThat(rows(current())).isEqualTo(expected);
    }

    private void upsert(long from, int count, String name) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (long id = from; id < from + count; id++) {
            rows.add(List.of(String.valueOf(id), name));
            expected.put(id, name);
        }
        table.service.upsertText(table.assetId, TableServiceFixture.ID_AND_NAME, rows);
    }

    private UUID current() {
        return table.service.assets.find(table.assetId).orElseThrow().getCurrentSnapshotId();
    }

    private List<WebmSegment> live() {
        return table.service.segments.findLiveAt(table.assetId, current());
    }

    private Map<Long, String> rows(UUID snapshotId) throws Exception {
        Map<Long, String> rows = new TreeMap<>();
        RowPage page = table.service.rows(
                table.assetId, List.of(), List.of(), 500, null, new AsOf(snapshotId, null), Long.MAX_VALUE);
        while (true) {
            for (Object[] row : page.rows()) {
                assertThat(rows.put((Long) row[0], (String) row[1])).isNull();
            }
            if (page.next() == null) {
                return rows;
            }
            page = table.service.rows(table.assetId, List.of(), List.of(), 500, page.next(), null, Long.MAX_VALUE);
        }
    }
}
