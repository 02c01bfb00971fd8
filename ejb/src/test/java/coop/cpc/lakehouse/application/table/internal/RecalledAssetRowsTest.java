package coop.cpc.lakehouse.application.table.internal;

import static coop.cpc.lakehouse.application.table.internal.TableServiceFixture.ID_AND_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.RequestAssets;
import coop.cpc.lakehouse.application.asset.SnapshotRemovals;
import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.ReadsInFlight;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SnapshotExpiredException;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.application.testing.RequestScopedBean;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asset(id) { rows }}: the rows read reuses the asset the request read, never a snapshot expired since,
 * and asks the catalog about its snapshot only when an expiry or a deletion was under way or began since.
 */
class RecalledAssetRowsTest {

    @TempDir
    Path root;

    @Test
    void rowsOfAnAssetTheRequestReadAreRefusedWhenTheSnapshotItShowedExpiredSince() throws Exception {
        InMemoryCatalog catalog = new InMemoryCatalog();
        SnapshotRemovals removals = new SnapshotRemovals();
        RequestAssets request = new RequestAssets(removals);
        DefaultTableService service = service(catalog, request, removals, catalog.snapshots);
        DataAsset asset = asset(catalog);
        CommitResult first = service.appendText(asset.getId(), ID_AND_NAME, List.of(List.of("1", "a")));
        long rowsThen = asset.getRowCount();
        long bytesThen = asset.getByteSize();
        // The request begins, and its asset(id) field reads the asset; then a commit and an expiry.
        request.markReadOnly();
        service.upsertText(asset.getId(), ID_AND_NAME, List.of(List.of("1", "b")));
        service.expireSnapshots(asset.getId(), Instant.parse("9999-01-01T00:00:00Z"), 1);
        // The asset as the request's asset(id) field read it, before the commit and the expiry.
        asset.commitSnapshot(first.snapshotId(), rowsThen, bytesThen);
        RequestAssets.remember(new RequestScopedBean<>(request), asset);

        assertThatThrownBy(() -> service.rows(asset.getId(), List.of(), List.of(), 10, null, null, Long.MAX_VALUE))
                .isInstanceOf(SnapshotExpiredException.class);
    }

    @Test
    void rowsOfAnAssetTheRequestReadAskTheCatalogNothingWhenNoExpiryOrDeletionBeganSince() throws Exception {
        assertThat(snapshotLookupsOfTheRowsRead(false)).isZero();
    }

    @Test
    void aRequestThatBeganWhileAnExpiryWasUnderWayAsksTheCatalog() throws Exception {
        assertThat(snapshotLookupsOfTheRowsRead(true)).isEqualTo(1);
    }

    /**
     * The snapshot lookups by id of a rows read of one row, of an asset the request read, in a read-only request
     * that began while an expiry of another server thread was under way (not committed yet) or not.
     */
    private int snapshotLookupsOfTheRowsRead(boolean expiryUnderWayAtStart) throws Exception {
        InMemoryCatalog catalog = new InMemoryCatalog();
        SnapshotRemovals removals = new SnapshotRemovals();
        RequestAssets request = new RequestAssets(removals);
        AtomicInteger lookups = new AtomicInteger();
        DefaultTableService service = service(catalog, request, removals, counting(catalog.snapshots, lookups));
        DataAsset asset = asset(catalog);
        service.appendText(asset.getId(), ID_AND_NAME, List.of(List.of("1", "a")));
        if (expiryUnderWayAtStart) {
            removals.begin();
        }
        request.markReadOnly();
        if (expiryUnderWayAtStart) {
            removals.end();
        }
        RequestAssets.remember(new RequestScopedBean<>(request), asset);
        lookups.set(0); // Only the rows read's own.

        assertThat(service.rows(asset.getId(), List.of(), List.of(), 10, null, null, Long.MAX_VALUE)
                        .rows())
                .hasSize(1);
        return lookups.get();
    }

    private static DataAsset asset(InMemoryCatalog catalog) throws Exception {
        return TableServiceFixture.keyedAccounts(catalog);
    }

    /** The repository, counting its snapshot lookups by id. */
    private static SnapshotRepository counting(SnapshotRepository repository, AtomicInteger finds) {
        return (SnapshotRepository) Proxy.newProxyInstance(
                SnapshotRepository.class.getClassLoader(), new Class<?>[] {SnapshotRepository.class}, (p, m, a) -> {
                    if (m.getName().equals("find")) {
                        finds.incrementAndGet();
                    }
                    try {
                        return m.invoke(repository, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private DefaultTableService service(
            InMemoryCatalog catalog, RequestAssets request, SnapshotRemovals removals, SnapshotRepository snapshots) {
        DefaultTableService service = new DefaultTableService();
        service.commits = new TableCommits(catalog.assets, catalog.snapshots, catalog.segments);
        service.assets = catalog.assets;
        service.snapshots = snapshots;
        service.segments = catalog.segments;
        service.files = new SegmentFiles(root);
        service.indexes = new MergeIndexCache();
        service.changeSegments = new ChangeSegmentCounts();
        service.rowGroups = new RowGroupCache(256 * 1024);
        service.liveSegments = new LiveSegmentCache();
        service.metrics = new LakehouseMetrics(new SimpleMeterRegistry());
        service.settings = LakehouseSettings.from(name -> Optional.empty());
        service.requestAssets = new RequestScopedBean<>(request);
        service.removals = removals;
        service.reads = new ReadsInFlight();
        return service;
    }
}
