package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction's scan: the index is asked for only once the first row group decodes (so that it can be built
 * meanwhile), and a segment's last row group is merged while the next segment's first one decodes.
 */
class ScanGroupsLookaheadTest {
    private static final UUID ASSET = UUID.randomUUID();

    @TempDir
    Path root;

    @Test
    void theIndexIsAskedForAfterTheFirstDecodeStartedAndTheNextSegmentDecodesBeforeTheLastGroupIsMerged()
            throws Exception {
        Schema schema = new Schema(List.of(
                new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
                new Column("name", ColumnType.of(ColumnType.Kind.STRING), true)));
        List<Column> key = List.of(schema.column(0));
        SegmentFiles files = new SegmentFiles(root);
        List<Object[]> base = new ArrayList<>();
        for (long id = 0; id < 10; id++) {
            base.add(new Object[] {id, "base " + id});
        }
        List<Object[]> update = List.<Object[]>of(new Object[] {3L, "changed"});
        List<Object[]> delete = List.<Object[]>of(new Object[] {5L});
        List<WebmSegment> live = List.of(
                segment(files.write("t", "a", schema, base), SegmentKind.DATA, 1),
                segment(files.write("t", "a", schema, update), SegmentKind.DATA, 2),
                segment(files.write("t", "a", "deletes", new Schema(key), delete), SegmentKind.DELETES, 3));
        MergeIndex index = MergeIndex.build(files, live, key);

        List<String> events = new ArrayList<>();
        int[] decodes = {0};
        // Runs each decode task at once, in the caller's thread, and notes when one is started.
        Executor decoder = task -> {
            events.add("decode " + ++decodes[0]);
            task.run();
        };
        List<Object> rows = new ArrayList<>();
        new MergeOnRead(files, live, key, null, bytes -> {}, decoder)
                .scanGroups(
                        schema.columns(),
                        () -> {
                            events.add("index");
                            return index;
                        },
                        (columns, positions, count, normalized) -> {
                            events.add("merge " + count);
                            for (int i = 0; i < count; i++) {
                                rows.add(columns[1][positions[i]]);
                            }
                        });

        // Two columns per row group: the base segment's row group decodes (two tasks) before the index is
        // asked for, and the update segment's before the base row group is merged.
        assertThat(events)
                .containsExactly("decode 1", "decode 2", "index", "decode 3", "decode 4", "merge 8", "merge 1");
        assertThat(rows)
                .containsExactly(
                        "base 0", "base 1", "base 2", "base 4", "base 6", "base 7", "base 8", "base 9", "changed");
    }

    private static WebmSegment segment(StagedSegment file, SegmentKind kind, long sequence) {
        return file.addedBy(ASSET, UUID.randomUUID(), kind, sequence);
    }
}
