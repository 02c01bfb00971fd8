package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * Compaction's scan takes the change data segments' key columns from the index build instead of decoding them a
 * second time, in the scan's column order (here a composite key whose columns the scan reads in another order),
 * and reads the same rows as without the hand-off.
 */
class DecodedKeysHandOffTest {
    private static final UUID ASSET = UUID.randomUUID();

    @TempDir
    Path root;

    @Test
    void theScanDecodesOnlyTheOtherColumnsOfAChangeSegmentAndReadsTheSameRows() throws Exception {
        Schema schema = new Schema(List.of(
                new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
                new Column("region", ColumnType.of(ColumnType.Kind.STRING), false),
                new Column("name", ColumnType.of(ColumnType.Kind.STRING), true)));
        // The key is (region, id): the index decodes it in that order, the scan reads id first.
        List<Column> key = List.of(schema.column(1), schema.column(0));
        SegmentFiles files = new SegmentFiles(root);
        List<Object[]> base = new ArrayList<>();
        for (long id = 0; id < 10; id++) {
            base.add(new Object[] {id, id % 2 == 0 ? "north" : "south", "base " + id});
        }
        List<Object[]> update =
                List.<Object[]>of(new Object[] {3L, "south", "changed"}, new Object[] {42L, "east", "new"});
        List<Object[]> delete = List.<Object[]>of(new Object[] {"north", 4L});
        List<WebmSegment> live = List.of(
                segment(files.write("t", "a", schema, update), SegmentKind.DATA, 2),
                segment(files.write("t", "a", schema, base), SegmentKind.DATA, 1),
                segment(
                        files.write("t", "a", "deletes", new Schema(List.of(key.get(0), key.get(1))), delete),
                        SegmentKind.DELETES,
                        3));

        DecodedKeys decodedKeys = DecodedKeys.ofChangeData(live, DecodedKeys.MAX_ROWS);
        MergeIndex index = MergeIndex.build(files, live, key, decodedKeys);
        assertThat(decodedKeys.waiting()).isEqualTo(1);
        int[] decodes = {0};
        Executor decoder = task -> {
            decodes[0]++;
            task.run();
        };
        List<String> handedOff = scan(files, live, key, index, decodedKeys, decoder);
        int decodesHandedOff = decodes[0];
        decodes[0] = 0;
        List<String> decodedAgain = scan(files, live, key, index, DecodedKeys.none(), decoder);

        assertThat(handedOff)
                .containsExactly(
                        "3 south changed",
                        "42 east new",
                        "0 north base 0",
                        "1 south base 1",
                        "2 north base 2",
                        "5 south base 5",
                        "6 north base 6",
                        "7 south base 7",
                        "8 north base 8",
                        "9 south base 9")
                .isEqualTo(decodedAgain);
        // Three columns per row group; of the update segment's, only name is decoded by the scan.
        assertThat(decodedAgain).hasSize(10);
        assertThat(decodes[0]).isEqualTo(6);
        assertThat(decodesHandedOff).isEqualTo(4);
        assertThat(decodedKeys.waiting()).isZero();
    }

    @Test
    void onlyChangeDataSegmentsAreKeptAndNoMoreRowsThanTheBound() throws Exception {
        Schema schema = new Schema(List.of(new Column("id", ColumnType.of(ColumnType.Kind.INT64), false)));
        SegmentFiles files = new SegmentFiles(root);
        List<Object[]> rows = List.<Object[]>of(new Object[] {1L}, new Object[] {2L});
        WebmSegment base = segment(files.write("t", "a", schema, rows), SegmentKind.DATA, 1);
        WebmSegment first = segment(files.write("t", "a", schema, rows), SegmentKind.DATA, 2);
        WebmSegment second = segment(files.write("t", "a", schema, rows), SegmentKind.DATA, 3);
        WebmSegment deletes = segment(files.write("t", "a", "deletes", schema, rows), SegmentKind.DELETES, 4);
        List<WebmSegment> live = List.of(base, first, second, deletes);

        DecodedKeys threeRows = DecodedKeys.ofChangeData(live, 3);

        assertThat(List.of(base, first, second, deletes).stream().map(threeRows::keeps))
                .containsExactly(false, true, false, false);
        assertThat(DecodedKeys.ofChangeData(live, 4).keeps(second)).isTrue();
        assertThatThrownBy(() -> threeRows.take(first, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kept no key columns of row group 0 of " + first.getPath());
        assertThatThrownBy(() -> DecodedKeys.ofChangeData(live, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRows -1 is negative");
    }

    private static List<String> scan(
            SegmentFiles files,
            List<WebmSegment> live,
            List<Column> key,
            MergeIndex index,
            DecodedKeys decodedKeys,
            Executor decoder) {
        List<String> rows = new ArrayList<>();
        List<Column> columns = List.of(
                new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
                new Column("region", ColumnType.of(ColumnType.Kind.STRING), false),
                new Column("name", ColumnType.of(ColumnType.Kind.STRING), true));
        new MergeOnRead(files, live, key, null, bytes -> {}, decoder)
                .scanGroups(columns, () -> index, decodedKeys, (values, positions, count, normalized) -> {
                    for (int i = 0; i < count; i++) {
                        int r = positions[i];
                        rows.add(values[0][r] + " " + values[1][r] + " " + values[2][r]);
                    }
                });
        return rows;
    }

    private static WebmSegment segment(StagedSegment file, SegmentKind kind, long sequence) {
        return file.addedBy(ASSET, UUID.randomUUID(), kind, sequence);
    }
}
