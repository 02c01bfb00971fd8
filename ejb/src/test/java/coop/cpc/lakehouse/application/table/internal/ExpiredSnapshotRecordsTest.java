package coop.cpc.lakehouse.application.table.internal;

import static coop.cpc.lakehouse.application.table.internal.TableServiceFixture.ID_AND_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.table.AsOf;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SnapshotExpiredException;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.DeletedSnapshotHistory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deletion of expired snapshot rows: only rows no segment names go, in batches, and a read of a deleted
 * snapshot (by id, by a time it was current, a change feed from it or from the beginning) is refused as expired.
 */
class ExpiredSnapshotRecordsTest {
    private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

    @TempDir
    Path root;

    private InMemoryCatalog catalog;
    private DefaultTableService service;
    private DataAsset asset;
    /** #1 to #3 upserts, #4 their compaction, #5 an upsert; #1 to #3 expired, and their segments deleted. */
    private final List<UUID> snapshots = new ArrayList<>();

    private final List<Instant> committedAt = new ArrayList<>();

    @BeforeEach
    void fourCommitsACompactionAndAnExpiry() throws Exception {
        catalog = new InMemoryCatalog();
        service = TableServiceFixture.wiredWithoutCompaction(catalog, new SegmentFiles(root));
        asset = TableServiceFixture.keyedAccounts(catalog);
        for (int i = 1; i <= 3; i++) {
            snapshots.add(upsert(i, "v" + i));
        }
        snapshots.add(service.compact(asset.getId()).snapshotId());
        snapshots.add(upsert(1, "last"));
        service.expireSnapshots(asset.getId(), FAR_FUTURE, 2);
        for (UUID id : snapshots) {
            committedAt.add(catalog.snapshots.find(id).orElseThrow().getCommittedAt());
        }
    }

    private UUID upsert(int id, String name) throws Exception {
        CommitResult result =
                service.upsertText(asset.getId(), ID_AND_NAME, List.of(List.of(String.valueOf(id), name)));
        return result.snapshotId();
    }

    @Test
    void onlyRowsExpiredBeforeTheCutOffThatNoSegmentNamesAreDeleted() throws Exception {
        assertThat(service.deleteExpiredSnapshots(Instant.parse("2000-01-01T00:00:00Z")))
                .isZero();
        assertThat(service.deleteExpiredSnapshots(FAR_FUTURE)).isEqualTo(3);
        assertThat(service.deleteExpiredSnapshots(FAR_FUTURE)).isZero();

        assertThat(catalog.snapshots.findByAsset(asset.getId()))
                .extracting(AssetSnapshot::getSequenceNumber)
                .containsExactly(4L, 5L);
        assertThat(catalog.snapshots.deletedHistory(asset.getId()))
                .map(DeletedSnapshotHistory::throughSequence)
                .contains(3L);
        // The retained snapshots read and feed as before.
        assertThat(rowsAsOf(new AsOf(snapshots.get(3), null)).rows()).hasSize(3);
        assertThat(service.changes(asset.getId(), snapshots.get(3), null, 10, null, 1L << 20)
                        .changes())
                .hasSize(1);
    }

    @Test
    void aSnapshotNamedByALiveSegmentKeepsItsRowWhenExpired() throws Exception {
        // No compaction: #1's segment is still live at the current snapshot.
        InMemoryCatalog other = new InMemoryCatalog();
        DefaultTableService table = TableServiceFixture.wiredWithoutCompaction(other, new SegmentFiles(root));
        DataAsset appended = new DataAsset(
                "crm",
                "events",
                AssetType.STRUCTURED,
                Classification.INTERNAL,
                AssetSchema.of(List.of(
                                new ColumnSpec("id", ColumnType.parse("id", "int64"), true, false, PiiCategory.NONE)))
                        .toJson());
        other.assets.add(appended);
        List<IncomingColumn> id = List.of(new IncomingColumn("id", "int64"));
        table.appendText(appended.getId(), id, List.of(List.of("1")));
        table.appendText(appended.getId(), id, List.of(List.of("2")));
        table.expireSnapshots(appended.getId(), FAR_FUTURE, 1);

        assertThat(table.deleteExpiredSnapshots(FAR_FUTURE)).isZero();
        assertThat(other.snapshots.findByAsset(appended.getId()))
                .extracting(AssetSnapshot::isExpired)
                .containsExactly(true, false);
    }

    @Test
    void aReadOfADeletedSnapshotByIdIsRefusedAsExpired() throws Exception {
        service.deleteExpiredSnapshots(FAR_FUTURE);

        assertThatThrownBy(() -> rowsAsOf(new AsOf(snapshots.get(1), null)))
                .isInstanceOf(SnapshotExpiredException.class)
                .hasMessage("asOf.snapshotId: asset crm.accounts has no snapshot " + snapshots.get(1)
                        + " any more: its snapshots up to #3 (committed up to "
                        + catalogCommittedAt(2) + ") expired, and 3 of them have been deleted from the catalog;"
                        + " if it was one of them, read a newer snapshot (an id the asset never had gets this answer"
                        + " too)");
    }

    @Test
    void anIdTheAssetNeverHadIsAnsweredAsUnknownOrDeletedOnceItsRowsWereDeleted() throws Exception {
        service.deleteExpiredSnapshots(FAR_FUTURE);
        UUID typo = UUID.randomUUID();

        assertThatThrownBy(() -> rowsAsOf(new AsOf(typo, null)))
                .isInstanceOf(SnapshotExpiredException.class)
                .hasMessageStartingWith("asOf.snapshotId: asset crm.accounts has no snapshot " + typo + " any more:")
                .hasMessageEndingWith("(an id the asset never had gets this answer too)");
    }

    @Test
    void aReadAsOfATimeADeletedSnapshotWasCurrentIsRefusedAsExpired() throws Exception {
        Instant whenSecondWasCurrent = catalogCommittedAt(1);
        service.deleteExpiredSnapshots(FAR_FUTURE);

        assertThatThrownBy(() -> rowsAsOf(new AsOf(null, whenSecondWasCurrent)))
                .isInstanceOf(SnapshotExpiredException.class)
                .hasMessageStartingWith("asOf.timestamp: the snapshot of asset crm.accounts current at "
                        + whenSecondWasCurrent + " has expired: its snapshots up to #3");
        // Before the asset existed there was no snapshot: an empty page, as for any asset.
        assertThat(rowsAsOf(new AsOf(null, asset.getCreatedAt().minusSeconds(1)))
                        .rows())
                .isEmpty();
    }

    @Test
    void aChangeFeedFromADeletedSnapshotOrFromTheBeginningIsRefusedAsExpired() throws Exception {
        service.deleteExpiredSnapshots(FAR_FUTURE);

        assertThatThrownBy(() -> service.changes(asset.getId(), snapshots.get(0), null, 10, null, 1L << 20))
                .isInstanceOf(SnapshotExpiredException.class)
                .hasMessageContaining(
                        "fromSnapshot: asset crm.accounts has no snapshot " + snapshots.get(0) + " any more");
        assertThatThrownBy(() -> service.changes(asset.getId(), null, null, 10, null, 1L << 20))
                .isInstanceOf(SnapshotExpiredException.class)
                .hasMessageContaining("include expired snapshots");
    }

    @Test
    void anotherAssetsSnapshotIsStillUnknownNotExpired() throws Exception {
        service.deleteExpiredSnapshots(FAR_FUTURE);
        DataAsset other =
                new DataAsset("crm", "leads", AssetType.STRUCTURED, Classification.INTERNAL, asset.getSchema());
        other.setPrimaryKey(asset.getPrimaryKey());
        catalog.assets.add(other);
        UUID foreign = service.upsertText(other.getId(), ID_AND_NAME, List.of(List.of("1", "x")))
                .snapshotId();

        assertThatThrownBy(() -> rowsAsOf(new AsOf(foreign, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("asOf.snapshotId: asset crm.accounts has no snapshot " + foreign);
    }

    @Test
    void theDeletionRunsBatchesUntilOneIsNotFull() throws Exception {
        List<Integer> batches =
                new ArrayList<>(List.of(TableService.SNAPSHOT_DELETE_BATCH, TableService.SNAPSHOT_DELETE_BATCH, 7));
        List<Integer> limits = new ArrayList<>();
        service.commits = new TableCommits(catalog.assets, catalog.snapshots, catalog.segments) {
            @Override
            public int deleteExpiredSnapshots(Instant expiredBefore, int limit) {
                limits.add(limit);
                return batches.remove(0);
            }
        };

        assertThat(service.deleteExpiredSnapshots(FAR_FUTURE)).isEqualTo(2L * TableService.SNAPSHOT_DELETE_BATCH + 7);
        assertThat(limits).containsOnly(TableService.SNAPSHOT_DELETE_BATCH).hasSize(3);
        assertThatThrownBy(() -> service.deleteExpiredSnapshots(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("expiredBefore must be from");
    }

    /** The first page (10 rows) of the asset's rows as of a snapshot or an instant. */
    private RowPage rowsAsOf(AsOf asOf) throws Exception {
        return service.rows(asset.getId(), List.of(), List.of(), 10, null, asOf, 1L << 20);
    }

    /** When the catalog says the i-th snapshot (0-based) was committed, as read before any row was deleted. */
    private Instant catalogCommittedAt(int index) {
        return committedAt.get(index);
    }
}
