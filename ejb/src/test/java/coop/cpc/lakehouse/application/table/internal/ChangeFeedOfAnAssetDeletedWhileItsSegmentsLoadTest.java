package coop.cpc.lakehouse.application.table.internal;

import static coop.cpc.lakehouse.application.table.internal.TableServiceFixture.ID_AND_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.table.ChangePage;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An asset deletion that commits while {@code changes} loads its segment lists: just after the segments live at
 * {@code fromSnapshot} were loaded and before the range's own segments are. The deletion cascades to the asset's
 * snapshot and segment rows (as lakehouse.data_assets' ON DELETE CASCADE does), so the range's segment list comes back
 * empty. A range with changes is never answered with an empty, final page: the read is refused as of a deleted asset.
 * (Found by the review of session 22, revhunt finding 1.)
 */
class ChangeFeedOfAnAssetDeletedWhileItsSegmentsLoadTest {
    @TempDir
    Path root;

    @Test
    void anAssetDeletedJustAfterTheSegmentsLiveAtFromWereLoadedIsRefusedNotAnsweredWithNoChanges() throws Exception {
        InMemoryCatalog catalog = new InMemoryCatalog();
        DefaultTableService service = TableServiceFixture.wired(
                catalog, new SegmentFiles(root), Map.of("data_lakehouse.compaction_change_segments", "100000"));
        DataAsset asset = TableServiceFixture.accounts(catalog, TableServiceFixture.keyedIdAndName());
        UUID assetId = asset.getId();
        CommitResult from = service.appendText(assetId, ID_AND_NAME, List.of(List.of("1", "one")));
        service.upsertText(assetId, ID_AND_NAME, List.of(List.of("1", "uno")));
        CommitResult to = service.upsertText(assetId, ID_AND_NAME, List.of(List.of("2", "two")));
        SegmentRepository segments = service.segments;
        service.segments = (SegmentRepository) Proxy.newProxyInstance(
                SegmentRepository.class.getClassLoader(), new Class<?>[] {SegmentRepository.class}, (p, m, args) -> {
                    Object answer;
                    try {
                        answer = m.invoke(segments, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (m.getName().equals("findLiveAt")) {
                        // deleteAsset commits now: the asset row and, by cascade, its snapshot and segment rows go.
                        catalog.assets.remove(asset);
                        catalog.snapshotRows
                                .values()
                                .removeIf(s -> s.getAssetId().equals(assetId));
                        catalog.segmentRows.removeIf(g -> g.getAssetId().equals(assetId));
                    }
                    return answer;
                });

        ChangePage page = null;
        Throwable thrown = null;
        try {
            page = service.changes(assetId, from.snapshotId(), to.snapshotId(), 10, null, Long.MAX_VALUE);
        } catch (Exception e) {
            thrown = e;
        }
        assertThat(page == null ? null : page.changes())
                .as("an empty final page for a range of 2 changes (an UPDATE and an INSERT) of a deleted asset")
                .isNull();
        assertThat(thrown)
                .isInstanceOf(UnknownAssetException.class)
                .hasMessageEndingWith("it was deleted while it was read");
    }
}
