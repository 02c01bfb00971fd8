package coop.cpc.lakehouse.application.table.internal;

import static coop.cpc.lakehouse.application.table.internal.TableServiceFixture.ID_AND_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.ChangePage;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.RowChangeEvent;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SnapshotExpiredException;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change feed resumed from a recent snapshot (how a consumer polls: the last {@code toSnapshot} as the next
 * {@code fromSnapshot}) reads the catalog rows of its range, not the asset's whole history: each poll of an asset a
 * CDC stream feeds would otherwise load every snapshot and segment row of the retention period.
 */
class ChangeFeedCatalogReadsTest {
    private static final int HISTORY = 60;

    @TempDir
    Path root;

    @Test
    void aFeedResumedAfterALongHistoryLoadsOnlyTheRowsOfItsRange() throws Exception {
        TableServiceFixture fixture =
                new TableServiceFixture(new SegmentFiles(root), TableServiceFixture.keyedIdAndName());
        DefaultTableService service = fixture.service;
        UUID assetId = fixture.assetId;
        appendedAndCompacted(service, assetId);
        CommitResult from = service.upsertText(assetId, ID_AND_NAME, List.of(List.of("1", "one")));
        CommitResult to = service.upsertText(assetId, ID_AND_NAME, List.of(List.of("2", "two")));
        AtomicLong rowsLoaded = new AtomicLong();
        service.snapshots = counting(SnapshotRepository.class, service.snapshots, rowsLoaded);
        service.segments = counting(SegmentRepository.class, service.segments, rowsLoaded);

        ChangePage page = service.changes(assetId, from.snapshotId(), to.snapshotId(), 10, null, Long.MAX_VALUE);

        assertThat(page.changes())
                .singleElement()
                .satisfies(change -> assertThat(change.kind()).isEqualTo(RowChangeEvent.Kind.UPDATE))
                .satisfies(change -> assertThat(change.after()).containsExactly(2L, "two"));
        assertThat(rowsLoaded)
                .as("snapshot and segment rows loaded for a range of one commit after %s commits", HISTORY + 3)
                .hasValueLessThan(10);
    }

    @Test
    void aFeedFromTheBeginningOfAnAssetWhoseExpiredSnapshotsWereDeletedIsRefusedBeforeItsHistoryIsLoaded()
            throws Exception {
        TableServiceFixture fixture =
                new TableServiceFixture(new SegmentFiles(root), TableServiceFixture.keyedIdAndName());
        DefaultTableService service = fixture.service;
        UUID assetId = fixture.assetId;
        appendedAndCompacted(service, assetId);
        for (int i = 0; i < HISTORY; i++) {
            service.upsertText(assetId, ID_AND_NAME, List.of(List.of(Integer.toString(i), "w" + i)));
        }
        Instant farFuture = Instant.parse("9999-01-01T00:00:00Z");
        service.expireSnapshots(assetId, farFuture, HISTORY);
        assertThat(service.deleteExpiredSnapshots(farFuture)).isPositive();
        AtomicLong rowsLoaded = new AtomicLong();
        service.snapshots = counting(SnapshotRepository.class, service.snapshots, rowsLoaded);
        service.segments = counting(SegmentRepository.class, service.segments, rowsLoaded);

        assertThatThrownBy(() -> service.changes(assetId, null, null, 10, null, Long.MAX_VALUE))
                .isInstanceOf(SnapshotExpiredException.class)
                .hasMessageEndingWith("the changes from its beginning include expired snapshots; start from a retained"
                        + " snapshot (fromSnapshot)");
        assertThat(rowsLoaded).as("snapshot and segment rows loaded").hasValueLessThan(10);
    }

    /**
     * {@value #HISTORY} appends of one row each, then a compaction: one live segment, whatever is read at a later
     * snapshot is small, and the history stays in the catalog.
     */
    private static void appendedAndCompacted(DefaultTableService service, UUID assetId) throws Exception {
        for (int i = 0; i < HISTORY; i++) {
            service.appendText(assetId, ID_AND_NAME, List.of(List.of(Integer.toString(i), "v" + i)));
        }
        service.compact(assetId);
    }

    /** The repository, counting the rows each of its list answers holds. */
    private static <T> T counting(Class<T> port, T repository, AtomicLong rows) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            Object answer;
            try {
                answer = method.invoke(repository, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (answer instanceof List<?> list) {
                rows.addAndGet(list.size());
            }
            return answer;
        }));
    }
}
