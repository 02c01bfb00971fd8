package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeStagerTest {

    @TempDir
    Path root;

    private static final Column V = new Column("v", ColumnType.of(ColumnType.Kind.INT32), true);

    @Test
    void appendsToAnAssetWithoutColumnsOrKeyStageOneDataSegmentAndNoDeleteSegment() throws Exception {
        DataAsset asset = new DataAsset(
                "research", "matrix", AssetType.STRUCTURED, Classification.INTERNAL, DataAsset.EMPTY_SCHEMA);

        StagedChanges staged = new ChangeStager(new SegmentFiles(root))
                .stage(
                        asset,
                        TableChanges.of(List.of(V))
                                .operation(SnapshotOperation.APPEND)
                                .upsert(new Object[] {7})
                                .upsert(new Object[] {7})
                                .build());

        // Without a key every row is its own: both rows stay.
        assertThat(staged.dataSegments()).hasSize(1);
        assertThat(staged.dataSegments().get(0).rowCount()).isEqualTo(2);
        assertThat(staged.deleteSegments()).isEmpty();
        assertThat(staged.addedColumns()).extracting(c -> c.name()).containsExactly("v");
    }

    @Test
    void refusesDeletesOnAnAssetWithoutKeyAndLeavesNoFile() throws Exception {
        DataAsset asset = new DataAsset(
                "research", "keyless", AssetType.STRUCTURED, Classification.INTERNAL, DataAsset.EMPTY_SCHEMA);

        assertThatThrownBy(() -> new ChangeStager(new SegmentFiles(root))
                        .stage(
                                asset,
                                TableChanges.of(List.of(V))
                                        .delete(new Object[] {7})
                                        .build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("asset research.keyless has no primary key, so rows cannot be deleted by key");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aWriteToAFolderAnotherCatalogMarkedIsTheDomainErrorStorageNotOwnedAndLeavesNoFile() {
        UUID thisCatalog = UUID.fromString("00000000-0000-4000-8000-0000000000f1");
        UUID otherCatalog = UUID.fromString("00000000-0000-4000-8000-0000000000f2");
        StorageVerdict foreign = new StorageVerdict(StorageVerdict.Kind.FOREIGN, thisCatalog, otherCatalog, null);
        SegmentFiles refusing = new SegmentFiles(root, () -> {
            throw new SegmentFolderRefusedException(foreign);
        });
        DataAsset asset = new DataAsset(
                "research", "matrix", AssetType.STRUCTURED, Classification.INTERNAL, DataAsset.EMPTY_SCHEMA);

        assertThatThrownBy(() -> new ChangeStager(refusing)
                        .stage(
                                asset,
                                TableChanges.of(List.of(V))
                                        .operation(SnapshotOperation.APPEND)
                                        .upsert(new Object[] {7})
                                        .build()))
                .isInstanceOfSatisfying(
                        StorageNotOwnedException.class,
                        e -> assertThat(e.code()).isEqualTo("storage-not-owned"))
                .hasMessage("webm_storage_path is marked (.lakehouse-catalog) as the segment folder of catalog "
                        + otherCatalog + ", and this catalog is " + thisCatalog
                        + ": this server writes and deletes nothing there. Give each catalog its own folder"
                        + " (docs/operations.md: moving a segment folder, restoring a catalog backup)")
                .hasMessageNotContaining(root.toString());
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void deletesOnlyOnAnAssetWithASortOrderStageOneDeleteSegmentAndNoDataSegment() throws Exception {
        AssetSchema schema = AssetSchema.of(List.of(
                new ColumnSpec(
                        "id",
                        coop.cpc.lakehouse.application.asset.ColumnType.parse("id", "int64"),
                        false,
                        true,
                        PiiCategory.NONE),
                new ColumnSpec(
                        "name",
                        coop.cpc.lakehouse.application.asset.ColumnType.parse("name", "string"),
                        true,
                        false,
                        PiiCategory.NONE)));
        DataAsset asset =
                new DataAsset("crm", "sorted", AssetType.STRUCTURED, Classification.INTERNAL, schema.toJson());
        asset.setPrimaryKey(schema.primaryKey());
        asset.setSortOrder(List.of("name"));
        Column id = new Column("id", ColumnType.of(ColumnType.Kind.INT64), false);

        StagedChanges staged = new ChangeStager(new SegmentFiles(root))
                .stage(
                        asset,
                        TableChanges.of(List.of(id)).delete(new Object[] {7L}).build());

        assertThat(staged.dataSegments()).isEmpty();
        assertThat(staged.deleteSegments()).hasSize(1);
        assertThat(staged.deleteSegments().get(0).rowCount()).isEqualTo(1);
    }
}
