package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.columnar.Column;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer whose rows lack a NOT NULL column (a dropped source column) makes it nullable in its own commit. */
class RelaxedColumnCommitTest {
    @TempDir
    Path root;

    @Test
    void aCommitThatRelaxesAColumnStoresItsNullsAndKeepsTheOlderRowsValues() throws Exception {
        AssetSchema schema = AssetSchema.of(List.of(
                new ColumnSpec("id", ColumnType.parse("id", "int64"), false, true, PiiCategory.NONE),
                new ColumnSpec("status", ColumnType.parse("status", "string"), false, false, PiiCategory.NONE)));
        TableServiceFixture table = new TableServiceFixture(new SegmentFiles(root), schema);
        var id = new Column("id", coop.cpc.lakehouse.columnar.ColumnType.parse("int64"), false);
        var status = new Column("status", coop.cpc.lakehouse.columnar.ColumnType.parse("string"), false);
        table.service.commitChanges(
                Map.of(
                        table.assetId,
                        TableChanges.of(List.of(id, status))
                                .upsert(new Object[] {1L, "paid"})
                                .build()),
                null,
                null,
                null);

        var relaxedStatus = new Column("status", status.type(), true);
        table.service.commitChanges(
                Map.of(
                        table.assetId,
                        new TableChanges(
                                List.of(id, relaxedStatus),
                                List.of(TableChanges.RowChange.upsert(new Object[] {2L, null})),
                                false,
                                SnapshotOperation.CDC,
                                Set.of("status"))),
                null,
                null,
                null);

        AssetSchema after = AssetSchema.fromJson(
                table.service.assets.find(table.assetId).orElseThrow().getSchema());
        assertThat(after.column("status").orElseThrow().nullable()).isTrue();
        assertThat(after.column("id").orElseThrow().nullable()).isFalse();
        var rows = table.service
                .rows(table.assetId, List.of("id", "status"), List.of(), 10, null, null, 1L << 20)
                .rows();
        assertThat(rows).containsExactlyInAnyOrder(new Object[] {1L, "paid"}, new Object[] {2L, null});
    }
}
