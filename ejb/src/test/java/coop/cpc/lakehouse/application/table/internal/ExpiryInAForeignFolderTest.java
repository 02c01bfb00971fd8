package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot expiry deletes files, so on a segment folder another catalog marked it is refused (storage-not-owned)
 * before its catalog commit, like every other write: it expired the snapshots and forgot their segments first, then
 * found it could delete nothing, answered as if it had, and left the files there for good (the orphan cleanup deletes
 * nothing in such a folder).
 */
class ExpiryInAForeignFolderTest {
    private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");
    private static final UUID THIS_CATALOG = UUID.fromString("00000000-0000-4000-8000-0000000000e1");
    private static final UUID OTHER_CATALOG = UUID.fromString("00000000-0000-4000-8000-0000000000e2");

    @TempDir
    Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final AtomicBoolean marked = new AtomicBoolean();

    @Test
    void anExpiryOfAFolderAnotherCatalogMarkedIsRefusedBeforeItChangesTheCatalog() throws Exception {
        SegmentFiles files = new SegmentFiles(root, () -> {
            if (marked.get()) {
                throw new SegmentFolderRefusedException(
                        new StorageVerdict(StorageVerdict.Kind.FOREIGN, THIS_CATALOG, OTHER_CATALOG, null));
            }
        });
        DefaultTableService service = TableServiceFixture.wiredWithoutCompaction(catalog, files);
        DataAsset asset = TableServiceFixture.keyedAccountsOfTwoAppends(catalog, service);
        service.compact(asset.getId());
        List<String> paths =
                catalog.segmentRows.stream().map(WebmSegment::getPath).toList();
        marked.set(true);

        assertThatThrownBy(() -> service.expireSnapshots(asset.getId(), FAR_FUTURE, 1))
                .isInstanceOfSatisfying(
                        StorageNotOwnedException.class,
                        e -> assertThat(e.code()).isEqualTo("storage-not-owned"))
                .hasMessageStartingWith("webm_storage_path is marked (.lakehouse-catalog) as the segment folder of"
                        + " catalog " + OTHER_CATALOG);

        assertThat(catalog.snapshotRows.values()).noneMatch(AssetSnapshot::isExpired);
        assertThat(catalog.segmentRows).extracting(WebmSegment::getPath).containsExactlyElementsOf(paths);
        assertThat(paths).allMatch(path -> Files.exists(root.resolve(path)));

        marked.set(false);
        assertThat(service.expireSnapshots(asset.getId(), FAR_FUTURE, 1).segmentsDeleted())
                .as("once the folder is this catalog's again")
                .isEqualTo(2);
    }
}
