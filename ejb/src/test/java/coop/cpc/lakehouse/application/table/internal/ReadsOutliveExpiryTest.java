package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.OrphanCleanups;
import coop.cpc.lakehouse.application.table.OrphanSegmentCleanup;
import coop.cpc.lakehouse.application.table.ReadsInFlight;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SnapshotExpiredException;
import coop.cpc.lakehouse.application.table.UncommittedSegments;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read (or a compaction) that began before a snapshot expiry committed finishes on the snapshot it started on:
 * the expiry leaves the files the read may still open in place, and the orphan cleanup removes them only once the
 * read has ended. A file gone all the same (another server's expiry) is refused as an expired snapshot.
 */
class ReadsOutliveExpiryTest {
    private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

    @TempDir
    Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    /** Runs once, when the read resolves its first segment file (after it loaded its snapshot's segment list). */
    private ThrowingRunnable beforeFirstFile;

    private DefaultTableService service;
    private DataAsset asset;
    private List<String> firstPaths;

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @BeforeEach
    void twoAppends() throws Exception {
        SegmentFiles files = TableServiceFixture.resolving(root, () -> {
            ThrowingRunnable hook = beforeFirstFile;
            if (hook != null) {
                beforeFirstFile = null;
                try {
                    hook.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        service = TableServiceFixture.wiredWithoutCompaction(catalog, files);
        asset = TableServiceFixture.keyedAccountsOfTwoAppends(catalog, service);
        firstPaths = catalog.segmentRows.stream().map(WebmSegment::getPath).toList();
    }

    private void compactAndExpireAllButTheNewest() throws Exception {
        service.compact(asset.getId());
        service.expireSnapshots(asset.getId(), FAR_FUTURE, 1);
    }

    private List<String> ids(RowPage page) {
        List<String> ids = new ArrayList<>();
        page.rows().forEach(row -> ids.add(String.valueOf(row[0])));
        return ids;
    }

    @Test
    void aReadBegunBeforeAnExpiryReturnsTheRowsOfItsSnapshot() throws Exception {
        beforeFirstFile = this::compactAndExpireAllButTheNewest;

        RowPage page = service.rows(asset.getId(), List.of(), List.of(), 10, null, null, 1L << 20);

        assertThat(ids(page)).containsExactly("1", "2");
        assertThat(catalog.snapshotRows.values().stream().filter(s -> s.isExpired()))
                .as("the expiry committed under the read")
                .hasSize(2);
        assertThat(service.reads.size()).as("the read let go").isZero();
    }

    @Test
    void theOrphanCleanupKeepsTheExpiredFilesOfAReadInFlightAndRemovesThemAfterIt() throws Exception {
        OrphanSegmentCleanup cleanup =
                OrphanCleanups.over(root, catalog.segments, catalog.runs, new UncommittedSegments(), service.reads);
        Instant everything = Instant.now().plus(Duration.ofDays(1));
        List<Integer> removedDuringTheRead = new ArrayList<>();
        beforeFirstFile = () -> {
            compactAndExpireAllButTheNewest();
            removedDuringTheRead.add(cleanup.removeOrphans(everything));
        };

        service.rows(asset.getId(), List.of(), List.of(), 10, null, null, 1L << 20);

        assertThat(removedDuringTheRead).containsExactly(0);
        assertThat(firstPaths).allMatch(path -> Files.exists(root.resolve(path)));
        assertThat(cleanup.removeOrphans(everything)).as("once the read ended").isEqualTo(firstPaths.size());
        assertThat(firstPaths).noneMatch(path -> Files.exists(root.resolve(path)));
        assertThat(service.reads.keptFiles()).isZero();
    }

    @Test
    void anExpiryWithNoReadInFlightDeletesItsFilesAtOnce() throws Exception {
        compactAndExpireAllButTheNewest();

        assertThat(firstPaths).noneMatch(path -> Files.exists(root.resolve(path)));
    }

    @Test
    void aReadWhoseFilesAnotherServerExpiredIsRefusedAsExpired() throws Exception {
        // Another server: its own registry knows nothing of this read, so it deletes the files at once.
        DefaultTableService other = TableServiceFixture.wired(catalog, new SegmentFiles(root), Map.of());
        beforeFirstFile = () -> {
            other.compact(asset.getId());
            other.expireSnapshots(asset.getId(), FAR_FUTURE, 1);
        };

        assertThatThrownBy(() -> service.rows(asset.getId(), List.of(), List.of(), 10, null, null, 1L << 20))
                .isInstanceOf(SnapshotExpiredException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void heldReadsAreBounded() {
        ReadsInFlight reads = new ReadsInFlight();
        UUID assetId = UUID.randomUUID();
        List<ReadsInFlight.Hold> holds = new ArrayList<>();
        for (int i = 0; i < ReadsInFlight.MAX_HOLDS + 1; i++) {
            holds.add(reads.hold(assetId));
        }

        assertThat(reads.size()).isEqualTo(ReadsInFlight.MAX_HOLDS);
        assertThat(holds.get(ReadsInFlight.MAX_HOLDS).expiryOverlapped())
                .as("a read not held checks its snapshot itself")
                .isTrue();
        holds.forEach(ReadsInFlight.Hold::close);
        assertThat(reads.size()).isZero();
    }
}
