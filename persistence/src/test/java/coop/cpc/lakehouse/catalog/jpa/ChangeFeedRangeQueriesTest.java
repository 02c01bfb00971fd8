package coop.cpc.lakehouse.catalog.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.JpaCatalogFixture;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change feed's range queries on real PostgreSQL. On random histories (appends, upserts with delete segments,
 * overwrites, compactions of some live segments, empty commits, a second asset interleaved, an expired prefix whose
 * forgotten segments are removed and whose unnamed rows are deleted), they return exactly what the former in-memory
 * filter kept of findByAsset, in the same order, for every (after, upTo) pair, and the segments live at each snapshot
 * are counted as many as are listed. On a long history, the segment query
 * reaches its rows through indexes, not by scanning the asset's segments. (From the review of session 22, revhunt.)
 */
class ChangeFeedRangeQueriesTest extends JpaCatalogFixture {
    private static final String SHA = "0".repeat(64);
    private static final int LONG_HISTORY = 20_000;

    @BeforeEach
    void emptyCatalog() {
        jpa.truncateAll();
    }

    @Test
    void rangeQueriesSelectWhatTheOldFilterKeptOnRandomHistories() {
        int pairs = 0;
        for (long seed = 1; seed <= 8; seed++) {
            jpa.truncateAll();
            Random random = new Random(seed);
            DataAsset asset = asset("ranged" + seed);
            DataAsset other = asset("other" + seed);
            Map<UUID, Long> sequenceOf = new HashMap<>();
            History mine = history(asset, random, 20 + random.nextInt(15), sequenceOf);
            history(other, random, 10, sequenceOf);
            // Expiry of a random prefix as TableCommits.recordExpiry does it, then deletion of unnamed rows.
            long keepFrom = 1 + random.nextInt((int) mine.last());
            jpa.run(em -> {
                for (AssetSnapshot s : mine.snapshots) {
                    if (s.getSequenceNumber() < keepFrom) {
                        em.find(AssetSnapshot.class, s.getId()).expire();
                    }
                }
                for (WebmSegment g : mine.segments) {
                    Long removedAt = g.getRemovedSnapshotId() == null ? null : sequenceOf.get(g.getRemovedSnapshotId());
                    if (removedAt != null && removedAt <= keepFrom) {
                        em.remove(em.find(WebmSegment.class, g.getId()));
                    }
                }
            });
            if (random.nextBoolean()) {
                Instant later = CatalogTime.now().plus(1, ChronoUnit.SECONDS);
                jpa.<Integer>inTransaction(em -> new JpaSnapshotRepository(em).deleteExpired(later, 1000));
            }
            long last = mine.last();
            int checked = jpa.inTransaction(em -> {
                JpaSnapshotRepository snapshots = new JpaSnapshotRepository(em);
                JpaSegmentRepository segments = new JpaSegmentRepository(em);
                List<AssetSnapshot> history = snapshots.findByAsset(asset.getId());
                List<WebmSegment> all = segments.findByAsset(asset.getId());
                int n = 0;
                // What a range starting at a retained snapshot replays from, counted without loading it.
                for (AssetSnapshot at : history) {
                    long live = all.stream()
                            .filter(g -> sequenceOf.get(g.getAddedSnapshotId()) <= at.getSequenceNumber())
                            .filter(g -> g.getRemovedSnapshotId() == null
                                    || sequenceOf.get(g.getRemovedSnapshotId()) > at.getSequenceNumber())
                            .count();
                    assertThat(segments.findLiveAt(asset.getId(), at.getId()))
                            .as("findLiveAt(#%s)", at.getSequenceNumber())
                            .hasSize((int) live);
                    assertThat(segments.countLiveAt(asset.getId(), at.getId()))
                            .as("countLiveAt(#%s)", at.getSequenceNumber())
                            .isEqualTo(live);
                }
                for (long after = 0; after <= last + 1; after++) {
                    for (long upTo = after; upTo <= last + 1; upTo++) {
                        long a = after;
                        long u = upTo;
                        List<UUID> oldRange = history.stream()
                                .filter(s -> s.getSequenceNumber() > a && s.getSequenceNumber() <= u)
                                .map(AssetSnapshot::getId)
                                .toList();
                        List<UUID> newRange = snapshots.findInRange(asset.getId(), a, u).stream()
                                .map(AssetSnapshot::getId)
                                .toList();
                        assertThat(newRange).as("findInRange(%s, %s)", a, u).isEqualTo(oldRange);
                        for (int skip = 0; skip <= oldRange.size(); skip += 3) {
                            int limit = 1 + skip % 4;
                            assertThat(snapshots.findInRange(asset.getId(), a, u, skip, limit).stream()
                                            .map(AssetSnapshot::getId)
                                            .toList())
                                    .as("findInRange(%s, %s, skip %s, limit %s)", a, u, skip, limit)
                                    .isEqualTo(oldRange.subList(skip, Math.min(oldRange.size(), skip + limit)));
                        }
                        // What ChangeFeed counts against its bound: the DATA rows its non-COMPACT snapshots added.
                        long dataRows = history.stream()
                                .filter(s -> s.getSequenceNumber() > a && s.getSequenceNumber() <= u)
                                .filter(s -> s.getOperation() != SnapshotOperation.COMPACT)
                                .flatMap(s -> all.stream()
                                        .filter(g -> g.getAddedSnapshotId().equals(s.getId())))
                                .filter(g -> g.getKind() == SegmentKind.DATA)
                                .mapToLong(WebmSegment::getRowCount)
                                .sum();
                        assertThat(segments.dataRowsAddedInRange(asset.getId(), a, u))
                                .as("dataRowsAddedInRange(%s, %s)", a, u)
                                .isEqualTo(dataRows);
                        List<UUID> expected = all.stream()
                                .filter(g -> in(sequenceOf.get(g.getAddedSnapshotId()), a, u)
                                        || (g.getRemovedSnapshotId() != null
                                                && in(sequenceOf.get(g.getRemovedSnapshotId()), a, u)))
                                .map(WebmSegment::getId)
                                .toList();
                        List<UUID> actual = segments.findChangedInRange(asset.getId(), a, u).stream()
                                .map(WebmSegment::getId)
                                .toList();
                        assertThat(actual)
                                .as("findChangedInRange(%s, %s)", a, u)
                                .isEqualTo(expected);
                        n++;
                    }
                }
                return n;
            });
            pairs += checked;
        }
        assertThat(pairs).isGreaterThan(1000);
    }

    @Test
    void theSegmentQueryOfOneCommitOfALongHistoryUsesIndexesNotAScan() {
        AssetSnapshot current = longHistory("long");
        UUID asset = current.getAssetId();
        long last = current.getSequenceNumber();
        // The last commit is a compaction: 50 segments removed, one added.
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findChangedInRange(asset, last - 1, last)))
                .hasSize(51);
        assertThat(plan(JpaSegmentRepository.CHANGED_IN_RANGE, asset, last - 1, last))
                .as("plan of findChangedInRange(last - 1, last) over %s snapshots", LONG_HISTORY)
                .doesNotContain("Seq Scan")
                .contains("asset_snapshots_asset_sequence_uk");
    }

    @Test
    void theBoundsOfAWideRangeAreFoundThroughIndexesWithoutLoadingItsRows() {
        AssetSnapshot current = longHistory("wide");
        UUID asset = current.getAssetId();
        long last = current.getSequenceNumber();
        // Where the first 1,000 snapshots of the whole history end, and that it goes on.
        List<AssetSnapshot> boundary =
                jpa.list(em -> new JpaSnapshotRepository(em).findInRange(asset, 0, last, 999, 2));
        assertThat(boundary).extracting(AssetSnapshot::getSequenceNumber).containsExactly(1000L, 1001L);
        // 49 appends of one segment of 10 rows in every 50 commits; the compactions' rows do not count.
        assertThat(jpa.<Long>inTransaction(em -> new JpaSegmentRepository(em).dataRowsAddedInRange(asset, 0, last)))
                .isEqualTo(LONG_HISTORY / 50 * 49 * 10L);
        assertThat(plan(JpaSnapshotRepository.IN_RANGE_PART, asset, 0, last, "skip", 99_999, "limit", 2))
                .as("plan of the boundary of a range of %s snapshots", LONG_HISTORY)
                .doesNotContain("Seq Scan")
                .contains("asset_snapshots_asset_sequence_uk");
        assertThat(plan(JpaSegmentRepository.DATA_ROWS_ADDED_IN_RANGE, asset, last - 100, last))
                .as("plan of the data rows of the last 100 of %s snapshots", LONG_HISTORY)
                .doesNotContain("Seq Scan")
                .contains("asset_snapshots_asset_sequence_uk");
    }

    /**
     * {@value #LONG_HISTORY} commits of one asset, each adding one DATA segment of 10 rows; every 50th is a compaction
     * that removes the live segments: its current snapshot.
     */
    private static AssetSnapshot longHistory(String name) {
        DataAsset asset = asset(name);
        List<AssetSnapshot> snapshots = new ArrayList<>();
        List<WebmSegment> segments = new ArrayList<>();
        List<WebmSegment> live = new ArrayList<>();
        AssetSnapshot previous = null;
        for (int i = 0; i < LONG_HISTORY; i++) {
            boolean compact = i % 50 == 49;
            SnapshotOperation op = compact ? SnapshotOperation.COMPACT : SnapshotOperation.APPEND;
            AssetSnapshot s = previous == null
                    ? AssetSnapshot.first(asset.getId(), op, "{}", null, null)
                    : AssetSnapshot.after(previous, op, "{}", null, null);
            snapshots.add(s);
            if (compact) {
                live.forEach(g -> g.removedBy(s.getId()));
                live.clear();
            }
            live.add(add(segments, asset, s, SegmentKind.DATA, s.getSequenceNumber(), 10));
            previous = s;
        }
        save(asset, snapshots, segments);
        jpa.run(em -> em.createNativeQuery("ANALYZE lakehouse.webm_columnar").executeUpdate());
        jpa.run(em -> em.createNativeQuery("ANALYZE lakehouse.asset_snapshots").executeUpdate());
        return previous;
    }

    /** PostgreSQL's plan of a range query of the asset, {@code more} naming further parameters and their values. */
    @SuppressWarnings("unchecked")
    private static String plan(String sql, UUID asset, long after, long upTo, Object... more) {
        return String.join("\n", jpa.<List<String>>inTransaction(em -> {
            var query = em.createNativeQuery("EXPLAIN " + sql)
                    .setParameter("asset", asset)
                    .setParameter("after", after)
                    .setParameter("upTo", upTo);
            for (int i = 0; i < more.length; i += 2) {
                query.setParameter((String) more[i], more[i + 1]);
            }
            return query.getResultList();
        }));
    }

    /** A segment's row count: 1 to 1,000, so that sums tell segments apart. */
    private static long rows(Random random) {
        return 1 + random.nextInt(1000);
    }

    private static boolean in(long sequence, long after, long upTo) {
        return sequence > after && sequence <= upTo;
    }

    private record History(List<AssetSnapshot> snapshots, List<WebmSegment> segments) {
        long last() {
            return snapshots.get(snapshots.size() - 1).getSequenceNumber();
        }
    }

    private static History history(DataAsset asset, Random random, int length, Map<UUID, Long> sequenceOf) {
        List<AssetSnapshot> snapshots = new ArrayList<>();
        List<WebmSegment> segments = new ArrayList<>();
        List<WebmSegment> live = new ArrayList<>();
        AssetSnapshot previous = null;
        for (int i = 0; i < length; i++) {
            int draw = random.nextInt(100);
            SnapshotOperation op = draw < 35
                    ? SnapshotOperation.APPEND
                    : draw < 55
                            ? SnapshotOperation.UPSERT
                            : draw < 65
                                    ? SnapshotOperation.OVERWRITE
                                    : draw < 85 ? SnapshotOperation.COMPACT : SnapshotOperation.DELETE;
            AssetSnapshot s = previous == null
                    ? AssetSnapshot.first(asset.getId(), op, "{}", null, null)
                    : AssetSnapshot.after(previous, op, "{}", null, null);
            sequenceOf.put(s.getId(), s.getSequenceNumber());
            snapshots.add(s);
            switch (op) {
                case APPEND -> {
                    for (int k = 0; k <= random.nextInt(3); k++) {
                        live.add(add(segments, asset, s, SegmentKind.DATA, s.getSequenceNumber(), rows(random)));
                    }
                }
                case UPSERT -> {
                    live.add(add(segments, asset, s, SegmentKind.DATA, s.getSequenceNumber(), rows(random)));
                    if (random.nextBoolean()) {
                        live.add(add(segments, asset, s, SegmentKind.DELETES, s.getSequenceNumber(), rows(random)));
                    }
                }
                case OVERWRITE -> {
                    live.forEach(g -> g.removedBy(s.getId()));
                    live.clear();
                    if (random.nextBoolean()) {
                        live.add(add(segments, asset, s, SegmentKind.DATA, s.getSequenceNumber(), rows(random)));
                    }
                }
                case COMPACT -> {
                    if (live.size() >= 2) {
                        List<WebmSegment> doomed = new ArrayList<>();
                        for (WebmSegment g : live) {
                            if (random.nextInt(3) > 0) {
                                doomed.add(g);
                            }
                        }
                        doomed.forEach(g -> g.removedBy(s.getId()));
                        live.removeAll(doomed);
                        live.add(add(
                                segments,
                                asset,
                                s,
                                SegmentKind.DATA,
                                Math.max(1, s.getSequenceNumber() - 1),
                                rows(random)));
                    }
                }
                case DELETE -> {
                    if (random.nextBoolean()) {
                        live.add(add(segments, asset, s, SegmentKind.DELETES, s.getSequenceNumber(), rows(random)));
                    }
                }
                default -> throw new IllegalStateException();
            }
            previous = s;
        }
        save(asset, snapshots, segments);
        return new History(snapshots, segments);
    }

    /** Writes the history in one transaction and makes its last snapshot the asset's current one. */
    private static void save(DataAsset asset, List<AssetSnapshot> snapshots, List<WebmSegment> segments) {
        AssetSnapshot current = snapshots.get(snapshots.size() - 1);
        jpa.run(em -> {
            JpaSnapshotRepository repo = new JpaSnapshotRepository(em);
            snapshots.forEach(repo::add);
            JpaSegmentRepository segs = new JpaSegmentRepository(em);
            segments.forEach(segs::add);
            em.find(DataAsset.class, asset.getId()).commitSnapshot(current.getId(), 0, 0);
        });
    }

    private static WebmSegment add(
            List<WebmSegment> segments,
            DataAsset asset,
            AssetSnapshot by,
            SegmentKind kind,
            long dataSequence,
            long rows) {
        WebmSegment g = new WebmSegment(
                asset.getId(),
                by.getId(),
                "s/" + UUID.randomUUID() + ".webm",
                kind,
                rows,
                100,
                SHA,
                "{}",
                dataSequence);
        segments.add(g);
        return g;
    }
}
