package coop.cpc.lakehouse.application.table.internal;

import static coop.cpc.lakehouse.application.table.internal.TableServiceFixture.ID_AND_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.table.ChangeCursor;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
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

    private DefaultTableService service;
    private UUID assetId;

    @BeforeEach
    void setUp() throws Exception {
        TableServiceFixture fixture =
                new TableServiceFixture(new SegmentFiles(root), TableServiceFixture.keyedIdAndName());
        service = fixture.service;
        assetId = fixture.assetId;
    }

    @Test
    void aFeedResumedAfterALongHistoryLoadsOnlyTheRowsOfItsRange() throws Exception {
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

    @Test
    void aRangeOfMoreDataRowsThanTheChangesBoundIsRefusedBeforeItsSnapshotAndSegmentRowsAreLoaded() throws Exception {
        service.maxChanges = HISTORY;
        CommitResult from = service.appendText(assetId, ID_AND_NAME, List.of(List.of("0", "v0")));
        CommitResult to = null;
        for (int i = 1; i <= HISTORY + 1; i++) {
            to = service.upsertText(assetId, ID_AND_NAME, List.of(List.of(Integer.toString(i), "v" + i)));
        }
        UUID toId = to.snapshotId();
        refuseRangeLoads();

        assertThatThrownBy(() -> service.changes(assetId, from.snapshotId(), toId, 10, null, Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the range holds more than " + HISTORY
                        + " changes; read it in narrower ranges (fromSnapshot, toSnapshot)");
    }

    @Test
    void aRangeOfMoreSnapshotsThanTheBoundIsRefusedBeforeItsRowsAreLoadedNamingWhereTheFirstNarrowerRangeEnds()
            throws Exception {
        service.maxRangeSnapshots = 10;
        CommitResult from = service.appendText(assetId, ID_AND_NAME, List.of(List.of("1", "one")));
        // Delete-only commits of keys that do not exist: no change at all, far within the changes bound.
        List<UUID> deletes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            deletes.add(service.deleteText(assetId, List.of(List.of(Integer.toString(100 + i))))
                    .snapshotId());
        }
        UUID last = deletes.get(deletes.size() - 1);
        Runnable allowRangeLoads = refuseRangeLoads();

        assertThatThrownBy(() -> service.changes(assetId, null, last, 10, null, Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("changes: the range from the beginning (fromSnapshot omitted) to toSnapshot #26 spans 26"
                        + " snapshots, more than the 10 one range may span; read it in narrower ranges: toSnapshot "
                        + deletes.get(8) + " (#10) ends the first, and each range's toSnapshot is the next one's"
                        + " fromSnapshot");
        assertThatThrownBy(() -> service.changes(assetId, from.snapshotId(), last, 10, null, Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("changes: the range from fromSnapshot #1 to toSnapshot #26 spans 25 snapshots,"
                        + " more than the 10 one range may span; read it in narrower ranges: toSnapshot "
                        + deletes.get(9) + " (#11) ends the first");

        // As the refusal says: ranges of at most 10 snapshots, each from the last one's toSnapshot.
        allowRangeLoads.run();
        List<RowChangeEvent> changes = new ArrayList<>();
        changes.addAll(service.changes(assetId, null, deletes.get(8), 10, null, Long.MAX_VALUE)
                .changes());
        changes.addAll(service.changes(assetId, deletes.get(8), deletes.get(18), 10, null, Long.MAX_VALUE)
                .changes());
        changes.addAll(service.changes(assetId, deletes.get(18), last, 10, null, Long.MAX_VALUE)
                .changes());
        assertThat(changes)
                .singleElement()
                .satisfies(change -> assertThat(change.kind()).isEqualTo(RowChangeEvent.Kind.INSERT));
    }

    @Test
    void aRangeFromASnapshotWithMoreLiveSegmentsThanTheBoundIsRefusedBeforeTheyAreLoadedAndReadAsTheRefusalSays()
            throws Exception {
        service.maxSegmentsAtFrom = 10;
        // Never compacted: one live segment per commit.
        List<UUID> appends = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            appends.add(service.appendText(assetId, ID_AND_NAME, List.of(List.of(Integer.toString(i), "v" + i)))
                    .snapshotId());
        }
        UUID from = appends.get(10);
        UUID to = service.upsertText(assetId, ID_AND_NAME, List.of(List.of("0", "changed")))
                .snapshotId();
        Runnable allowRangeLoads = refuseRangeLoads();

        assertThatThrownBy(() -> service.changes(assetId, from, to, 10, null, Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("changes: asset crm.accounts had 11 live segments at fromSnapshot #11, more than the 10 a"
                        + " range may start from (the replay holds them); compact the asset (compactAsset) and start"
                        + " from a fromSnapshot after the compaction, or start from an earlier fromSnapshot, where it"
                        + " had fewer");

        // As the refusal says: an earlier start (10 live segments), or a start after a compaction (one).
        allowRangeLoads.run();
        // A follower's idle poll replays nothing, so it is answered, not refused, whatever the count.
        assertThat(service.changes(assetId, to, null, 10, null, Long.MAX_VALUE).changes())
                .isEmpty();
        assertThat(service.changes(assetId, appends.get(9), to, 10, null, Long.MAX_VALUE)
                        .changes())
                .extracting(RowChangeEvent::kind)
                .containsExactly(RowChangeEvent.Kind.INSERT, RowChangeEvent.Kind.UPDATE);
        UUID compacted = service.compact(assetId).snapshotId();
        UUID later = service.upsertText(assetId, ID_AND_NAME, List.of(List.of("1", "changed")))
                .snapshotId();
        assertThat(service.changes(assetId, compacted, later, 10, null, Long.MAX_VALUE)
                        .changes())
                .singleElement()
                .satisfies(change -> assertThat(change.kind()).isEqualTo(RowChangeEvent.Kind.UPDATE))
                .satisfies(change -> assertThat(change.before()).containsExactly(1L, "v1"));
    }

    @Test
    void aWideRangeFromTheBeginningOverExpiredSnapshotsIsRefusedAsExpiredNotAsWide() throws Exception {
        service.maxRangeSnapshots = 10;
        for (int i = 0; i < 20; i++) {
            service.upsertText(assetId, ID_AND_NAME, List.of(List.of(Integer.toString(i), "v" + i)));
        }
        // Expired, their rows kept: narrowing the range (a nearer toSnapshot) would not help.
        service.expireSnapshots(assetId, Instant.parse("9999-01-01T00:00:00Z"), 3);
        refuseRangeLoads();

        assertThatThrownBy(() -> service.changes(assetId, null, null, 10, null, Long.MAX_VALUE))
                .isInstanceOf(SnapshotExpiredException.class)
                .hasMessageEndingWith("start from a retained snapshot (fromSnapshot)");
    }

    @Test
    void aFollowingConsumerThatFellBehindByMoreThanTheBoundReadsOnInRangesOfTheBoundEachChangeOnce() throws Exception {
        service.maxRangeSnapshots = 10;
        service.upsertText(assetId, ID_AND_NAME, List.of(List.of("0", "v0")));
        UUID last =
                service.changes(assetId, null, null, 500, null, Long.MAX_VALUE).toSnapshot();
        List<UUID> commits = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            commits.add(service.upsertText(assetId, ID_AND_NAME, List.of(List.of(Integer.toString(i), "v" + i)))
                    .snapshotId());
        }

        // The documented loop: toSnapshot omitted, the answer's toSnapshot as the next fromSnapshot.
        List<Long> sequences = new ArrayList<>();
        List<UUID> ends = new ArrayList<>();
        for (int call = 0; call < 4; call++) {
            ChangeCursor after = null;
            UUID end = null;
            do {
                ChangePage page = service.changes(assetId, last, null, 4, after, Long.MAX_VALUE);
                page.changes().forEach(change -> sequences.add(change.sequenceNumber()));
                end = page.toSnapshot();
                after = page.next();
            } while (after != null);
            ends.add(end);
            last = end;
        }

        assertThat(ends)
                .as("the end of each call: the 10th snapshot after its start, then the current one")
                .containsExactly(commits.get(9), commits.get(19), commits.get(24), commits.get(24));
        assertThat(sequences)
                .as("every commit's change once, in order")
                .isEqualTo(LongStream.rangeClosed(2, 26).boxed().toList());
    }

    @Test
    void aFeedFromTheBeginningWhoseExpiredSnapshotsAreDeletedWhileItStartsIsRefusedNotShortened() throws Exception {
        service.appendText(assetId, ID_AND_NAME, List.of(List.of("1", "a")));
        service.appendText(assetId, ID_AND_NAME, List.of(List.of("2", "b")));
        service.compact(assetId);
        UUID to = service.upsertText(assetId, ID_AND_NAME, List.of(List.of("3", "c")))
                .snapshotId();
        Instant farFuture = Instant.parse("9999-01-01T00:00:00Z");
        service.expireSnapshots(assetId, farFuture, 2);
        SnapshotRepository snapshots = service.snapshots;
        AtomicLong questions = new AtomicLong();
        // The daily deletion of expired snapshot rows (it does not wait for reads) commits right after the feed
        // asked whether any were deleted: the range then starts at the compaction, #3.
        service.snapshots = SnapshotRepository.class.cast(Proxy.newProxyInstance(
                SnapshotRepository.class.getClassLoader(),
                new Class<?>[] {SnapshotRepository.class},
                (proxy, method, args) -> {
                    Object answer;
                    try {
                        answer = method.invoke(snapshots, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("deletedHistory") && questions.getAndIncrement() == 0) {
                        assertThat(snapshots.deleteExpired(farFuture, 1000)).isEqualTo(2);
                    }
                    return answer;
                }));

        assertThatThrownBy(() -> service.changes(assetId, null, to, 100, null, Long.MAX_VALUE))
                .as("the feed would start at the compaction, without the commits before it")
                .isInstanceOf(SnapshotExpiredException.class)
                .hasMessageEndingWith("start from a retained snapshot (fromSnapshot)");
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

    /**
     * Makes the service's snapshot and segment repositories fail a test that loads a change range's rows
     * ({@link #refusingRangeLists}) until the returned action puts them back.
     */
    private Runnable refuseRangeLoads() {
        SnapshotRepository snapshots = service.snapshots;
        SegmentRepository segments = service.segments;
        service.snapshots = refusingRangeLists(SnapshotRepository.class, snapshots);
        service.segments = refusingRangeLists(SegmentRepository.class, segments);
        return () -> {
            service.snapshots = snapshots;
            service.segments = segments;
        };
    }

    /**
     * The repository, failing a test that loads a change range's rows: its snapshots ({@code findInRange} of the
     * whole range), the segments it changed, or those live at its start (counting them is allowed).
     */
    private static <T> T refusingRangeLists(Class<T> port, T repository) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getName().equals("findChangedInRange")
                    || method.getName().equals("findLiveAt")
                    || (method.getName().equals("findInRange") && args.length == 3)) {
                throw new AssertionError(method.getName() + " loaded the range's rows before it was refused");
            }
            try {
                return method.invoke(repository, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
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
