package coop.cpc.lakehouse.application.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
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
}
