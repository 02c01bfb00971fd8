package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A snapshot expiry costs the catalog rows it changes, not the asset's history: an asset fed by CDC commits about once
 * a second, so the 30 days it keeps hold millions of snapshots and segment rows, and the expiry loaded every one of
 * them (each day, and at each expireSnapshots call) into one transaction.
 */
class ExpiryLoadsNoHistoryTest {
    private static final int SNAPSHOTS = 20_000;
    private static final String SHA = "0".repeat(64);

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final AtomicLong rowsLoaded = new AtomicLong();
    private final TableCommits commits = new TableCommits(
            catalog.assets,
            counting(SnapshotRepository.class, catalog.snapshots),
            counting(SegmentRepository.class, catalog.segments));

    @Test
    void anExpiryOfALongHistoryLoadsOnlyTheRowsItsBoundsAndItsForgottenFilesNeed() throws Exception {
        DataAsset asset = catalog.addAsset("cdc", "orders", AssetType.SEMI_STRUCTURED, "{}");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        AssetSnapshot previous = null;
        WebmSegment base = null;
        for (int i = 1; i <= SNAPSHOTS; i++) {
            AssetSnapshot snapshot = (previous == null
                            ? AssetSnapshot.first(asset.getId(), SnapshotOperation.CDC, "{}", null, null)
                            : AssetSnapshot.after(previous, SnapshotOperation.CDC, "{}", null, null))
                    .committedAt(start.plusSeconds(i));
            catalog.snapshots.add(snapshot);
            if (i % 1_000 == 1) {
                // Every 1,000th commit replaces the asset's one segment (a compaction).
                if (base != null) {
                    base.removedBy(snapshot.getId());
                }
                base = new WebmSegment(
                        asset.getId(),
                        snapshot.getId(),
                        "cdc/orders/data/" + i + ".webm",
                        SegmentKind.DATA,
                        1,
                        10,
                        SHA,
                        "{}",
                        i);
                catalog.segments.add(base);
            }
            previous = snapshot;
        }
        asset.commitSnapshot(previous.getId(), 1, 10);
        rowsLoaded.set(0);

        // The newest hour of commits (seconds) is kept: snapshots 1 .. SNAPSHOTS - 3600 expire.
        Instant olderThan = start.plusSeconds(SNAPSHOTS - 3_600 + 1);
        TableCommits.Expiry expiry = commits.recordExpiry(asset.getId(), olderThan, 10);

        assertThat(expiry.snapshotsExpired()).isEqualTo(SNAPSHOTS - 3_600);
        // Segments added at 1, 1001, ..., removed at 1001, 2001, ..., 16001 (at or before the oldest kept, 16401).
        assertThat(expiry.deletedPaths()).hasSize(16).contains("cdc/orders/data/15001.webm");
        assertThat(expiry.bytesDeleted()).isEqualTo(160);
        assertThat(rowsLoaded.get())
                .as("catalog rows loaded for an expiry of %d snapshots", SNAPSHOTS)
                .isLessThan(100);
        assertThat(catalog.snapshots.find(previous.getId()).orElseThrow().isExpired())
                .isFalse();
    }

    /** The repository, counting every row its answers hold (a list's elements, a present optional). */
    private <T> T counting(Class<T> type, T repository) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object answer;
            try {
                answer = method.invoke(repository, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (answer instanceof Collection<?> rows) {
                rowsLoaded.addAndGet(rows.size());
            } else if (answer instanceof Optional<?> row && row.isPresent()) {
                rowsLoaded.incrementAndGet();
            }
            return answer;
        }));
    }
}
