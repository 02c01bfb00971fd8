package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which rows a merge must look up: only rows from the base sequence on and older than the newest change, since a
 * change hides only older versions (the newest upsert's rows need no lookup when no delete came after it).
 */
class MergeIndexLookupsTest {
    private static final UUID ASSET = UUID.randomUUID();

    @TempDir
    Path root;

    @Test
    void rowsAtOrAboveTheNewestChangeAreNeverLookedUp() throws Exception {
        Schema schema = new Schema(List.of(new Column("id", ColumnType.of(ColumnType.Kind.INT64), false)));
        Schema text = new Schema(List.of(new Column("code", ColumnType.of(ColumnType.Kind.STRING), false)));
        SegmentFiles files = new SegmentFiles(root);
        List<Object[]> rows = List.<Object[]>of(new Object[] {1L}, new Object[] {2L});
        WebmSegment base = segment(files.write("t", "a", schema, rows), SegmentKind.DATA, 4);
        WebmSegment upsert = segment(files.write("t", "a", schema, rows), SegmentKind.DATA, 6);
        WebmSegment delete = segment(files.write("t", "a", "deletes", schema, rows), SegmentKind.DELETES, 7);
        WebmSegment textBase =
                segment(files.write("t", "b", text, List.<Object[]>of(new Object[] {"x"})), SegmentKind.DATA, 4);
        WebmSegment textUpsert =
                segment(files.write("t", "b", text, List.<Object[]>of(new Object[] {"x"})), SegmentKind.DATA, 6);

        MergeIndex upserted = MergeIndex.build(files, List.of(base, upsert), schema.columns());
        MergeIndex deleted = MergeIndex.build(files, List.of(base, upsert, delete), schema.columns());
        MergeIndex textKeys = MergeIndex.build(files, List.of(textBase, textUpsert), text.columns());

        assertThat(upserted.mayHide(3)).isFalse();
        assertThat(upserted.mayHide(4)).isTrue();
        assertThat(upserted.mayHide(5)).isTrue();
        assertThat(upserted.mayHide(6)).isFalse();
        assertThat(deleted.mayHide(6)).isTrue();
        assertThat(deleted.mayHide(7)).isFalse();
        assertThat(textKeys.mayHide(4)).isTrue();
        assertThat(textKeys.mayHide(6)).isFalse();
    }

    @Test
    void anIntegerKeyIndexIsSizedForItsChangeRowsUpFront() {
        LongKeyVersions versions = new LongKeyVersions(30_000);
        long sized = versions.estimatedBytes();
        for (long key = 0; key < 30_000; key++) {
            versions.put(key * 7, 2);
        }

        assertThat(sized).isEqualTo(65_536L * 16);
        assertThat(versions.estimatedBytes()).isEqualTo(sized);
        assertThat(new LongKeyVersions(Long.MAX_VALUE).estimatedBytes()).isEqualTo(2L * 1_048_576 * 8);
    }

    private static WebmSegment segment(
            coop.cpc.lakehouse.application.table.StagedSegment file, SegmentKind kind, long sequence) {
        return file.addedBy(ASSET, UUID.randomUUID(), kind, sequence);
    }
}
