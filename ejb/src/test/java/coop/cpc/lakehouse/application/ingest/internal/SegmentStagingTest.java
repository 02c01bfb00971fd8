package coop.cpc.lakehouse.application.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentStagingTest {

    @Test
    void addedColumnsSurviveTheStagedRow() throws Exception {
        List<ColumnSpec> added = List.of(
                new ColumnSpec("note", new ColumnType("string"), true, false, PiiCategory.NONE),
                new ColumnSpec("amount", new ColumnType("decimal(12,2)"), true, false, PiiCategory.NONE));

        String json = SegmentStaging.addedColumns(added);

        assertThat(json).startsWith("[").endsWith("]");
        assertThat(SegmentStaging.readAddedColumns(json)).isEqualTo(added);
        assertThat(SegmentStaging.readAddedColumns(SegmentStaging.addedColumns(List.of())))
                .isEmpty();
    }

    @Test
    void aStagedSegmentRefusedForItsDeletedAssetIsRecognised() {
        RuntimeException deleted = new RuntimeException(
                "could not execute statement",
                new java.sql.SQLException(
                        "insert violates foreign key constraint \"staged_segments_asset_fk\"", "23503"));
        RuntimeException other = new RuntimeException(new java.sql.SQLException("duplicate key", "23505"));

        assertThat(SegmentStaging.isDeletedAsset(deleted)).isTrue();
        assertThat(SegmentStaging.isDeletedAsset(other)).isFalse();
    }

    @Test
    void aChunkThatRepeatsAKeyKeepsTheLastRowOfThatKey() {
        List<Object[]> rows = List.of(
                new Object[] {"old", "P-1"}, new Object[] {"x", "P-2"}, new Object[] {"new", "P-1"}, new Object[] {
                    "newest", "P-1"
                });

        List<Object[]> kept = SegmentStaging.lastRowPerKey(rows, keyColumn(Kind.STRING), new int[] {1});

        assertThat(kept).containsExactly(new Object[] {"newest", "P-1"}, new Object[] {"x", "P-2"});
    }

    @Test
    void aChunkWithoutRepeatedKeysIsKeptAsItIs() {
        List<Object[]> rows = List.of(new Object[] {2L}, new Object[] {1L});

        assertThat(SegmentStaging.lastRowPerKey(rows, keyColumn(Kind.INT64), new int[] {0}))
                .isSameAs(rows);
    }

    private static List<Column> keyColumn(Kind kind) {
        return List.of(new Column("key", coop.cpc.lakehouse.columnar.ColumnType.of(kind), false));
    }
}
