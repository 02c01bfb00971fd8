package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deleteAsset} while a read, a change feed or a compaction of the asset is under way: the asset's files go
 * once the deletion commits, whatever the read still opens, and the read is refused as a read of an unknown
 * (deleted) asset, never as invalid input or an internal error.
 */
class AssetDeletedDuringReadTest {

    @TempDir
    Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    /** Runs once, when the read resolves its first segment file (after it loaded its snapshot's segment list). */
    private boolean deleteBeforeFirstFile;

    private DefaultTableService service;
    private DataAsset asset;

    @BeforeEach
    void twoAppends() throws Exception {
        SegmentFiles files = TableServiceFixture.resolving(root, () -> {
            if (deleteBeforeFirstFile) {
                deleteBeforeFirstFile = false;
                deleteAsset();
            }
        });
        service = TableServiceFixture.wiredWithoutCompaction(catalog, files);
        asset = TableServiceFixture.keyedAccountsOfTwoAppends(catalog, service);
    }

    /** What DefaultAssetService.delete leaves once it has committed: no rows of the asset, and none of its files. */
    private void deleteAsset() {
        try {
            for (WebmSegment segment : catalog.segmentRows) {
                Files.deleteIfExists(root.resolve(segment.getPath()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catalog.segmentRows.removeIf(segment -> segment.getAssetId().equals(asset.getId()));
        catalog.snapshotRows.values().removeIf(snapshot -> snapshot.getAssetId().equals(asset.getId()));
        catalog.assetRows.remove(asset.getId());
    }

    @Test
    void aRowsReadOfAnAssetDeletedUnderItIsRefusedAsAnUnknownAsset() {
        deleteBeforeFirstFile = true;

        assertThatThrownBy(() -> service.rows(asset.getId(), List.of(), List.of(), 10, null, null, 1L << 20))
                .isInstanceOf(UnknownAssetException.class)
                .hasMessageContaining("crm.accounts")
                .hasMessageContaining("deleted");
    }

    @Test
    void aReadThatLoadedTheAssetBeforeItsDeletionDoesNotAnswerNoRows() {
        // The deletion commits after the read loaded the asset and before it loads the snapshot's segment list.
        SegmentRepository catalogSegments = service.segments;
        service.segments = (SegmentRepository) Proxy.newProxyInstance(
                SegmentRepository.class.getClassLoader(),
                new Class<?>[] {SegmentRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findLiveAt")
                            || method.getName().equals("findByAsset")) {
                        deleteAsset();
                        // What the catalog's query answers once the rows are gone.
                        return List.of();
                    }
                    try {
                        return method.invoke(catalogSegments, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        assertThatThrownBy(() -> service.rows(asset.getId(), List.of(), List.of(), 10, null, null, 1L << 20))
                .isInstanceOf(UnknownAssetException.class)
                .hasMessageContaining("deleted");
        assertThatThrownBy(() -> service.changes(asset.getId(), null, null, 10, null, 1L << 20))
                .isInstanceOf(UnknownAssetException.class);
    }

    @Test
    void aChangeFeedOfAnAssetDeletedUnderItIsRefusedAsAnUnknownAsset() {
        deleteBeforeFirstFile = true;

        assertThatThrownBy(() -> service.changes(asset.getId(), null, null, 10, null, 1L << 20))
                .isInstanceOf(UnknownAssetException.class)
                .hasMessageContaining("crm.accounts")
                .hasMessageContaining("deleted");
    }

    @Test
    void aCompactionOfAnAssetDeletedUnderItIsRefusedAsAnUnknownAsset() {
        deleteBeforeFirstFile = true;

        assertThatThrownBy(() -> service.compact(asset.getId()))
                .isInstanceOf(UnknownAssetException.class)
                .hasMessageContaining("crm.accounts")
                .hasMessageContaining("deleted");
    }
}
