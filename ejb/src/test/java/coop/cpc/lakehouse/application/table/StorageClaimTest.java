package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.catalog.storage.StorageMarker;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageClaimTest {
    private static final UUID OTHER = UUID.fromString("0d9e8f7a-1b2c-4d3e-8f40-5a6b7c8d9e0f");
    private static final Schema SCHEMA =
            new Schema(List.of(new Column("id", ColumnType.of(ColumnType.Kind.INT64), true)));

    @TempDir
    Path root;

    @Test
    void writesInAFolderAnotherCatalogMarkedAreRefusedAndLeaveNoFile() throws Exception {
        StorageMarker.claim(root, OTHER);
        SegmentFiles files = filesOfThisCatalog();

        assertThatThrownBy(() -> files.write("crm", "accounts", SCHEMA, List.<Object[]>of(new Object[] {1L})))
                .isInstanceOf(SegmentFolderRefusedException.class)
                .hasMessageContaining("segment folder of catalog " + OTHER);
        try (var left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(".lakehouse-catalog");
        }
    }

    @Test
    void writesAndDeletesGoOnInTheCatalogsOwnFolderAndInAnUnclaimedOne() throws Exception {
        SegmentFiles files = filesOfThisCatalog();
        StagedSegment unclaimed = files.write("crm", "accounts", SCHEMA, List.<Object[]>of(new Object[] {1L}));
        StorageMarker.claim(root, OrphanCleanups.CATALOG);
        StagedSegment owned = files.write("crm", "accounts", SCHEMA, List.<Object[]>of(new Object[] {2L}));

        files.delete(unclaimed);
        files.delete(owned.path());

        assertThat(files.resolve(unclaimed.path())).doesNotExist();
        assertThat(files.resolve(owned.path())).doesNotExist();
    }

    @Test
    void aGarbageMarkerRefusesDeletes() throws Exception {
        Path file = Files.createDirectories(root.resolve("crm/accounts/data")).resolve("x.webm");
        Files.writeString(file, "x");
        Files.writeString(StorageMarker.of(root), "catalog_id=?\n");

        assertThatThrownBy(() -> filesOfThisCatalog().delete("crm/accounts/data/x.webm"))
                .isInstanceOf(SegmentFolderRefusedException.class)
                .hasMessageStartingWith("webm_storage_path: the marker .lakehouse-catalog names no catalog");
        assertThat(file).exists();
    }

    @Test
    void aNamespaceFolderAnotherCatalogMarkedIsNotWrittenInto() throws Exception {
        StorageMarker.claim(root, OrphanCleanups.CATALOG);
        StorageMarker.claim(Files.createDirectories(root.resolve("crm")), OTHER);
        SegmentFiles files = filesOfThisCatalog();

        assertThatThrownBy(() -> files.write("crm", "accounts", SCHEMA, List.<Object[]>of(new Object[] {1L})))
                .isInstanceOf(SegmentFolderRefusedException.class)
                .hasMessageStartingWith("webm_storage_path/crm holds a marker .lakehouse-catalog")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain(root.toString());
                    assertThat(StorageNotOwnedException.causing(
                                            new java.io.UncheckedIOException((java.io.IOException) e))
                                    .orElseThrow()
                                    .verdict()
                                    .kind())
                            .isEqualTo(coop.cpc.lakehouse.catalog.storage.StorageVerdict.Kind.NESTED);
                });
        try (var left = Files.list(root.resolve("crm"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(".lakehouse-catalog");
        }
    }

    @Test
    void aWriteFinishingAfterAnotherCatalogMarkedTheFolderIsRefusedAndLeavesNoFile() throws Exception {
        SegmentFiles files = filesOfThisCatalog();
        try (SegmentFiles.Appender appender = files.open("crm", "accounts", "data", SCHEMA)) {
            appender.add(new Object[] {1L});
            StorageMarker.claim(root, OTHER);

            assertThatThrownBy(appender::finish)
                    .isInstanceOf(SegmentFolderRefusedException.class)
                    .hasMessageContaining("segment folder of catalog " + OTHER);
        }
        try (var left = Files.list(root.resolve("crm/accounts/data"))) {
            assertThat(left).isEmpty();
        }
    }

    private SegmentFiles filesOfThisCatalog() {
        return new SegmentFiles(root, new StorageClaim(OrphanCleanups.CATALOG, OrphanCleanups.settings(root)));
    }
}
