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
 * filter kept of findByAsset, in the same order, for every (after, upTo) pair. On a long history, the segment query
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
    @SuppressWarnings("unchecked")
    void theSegmentQueryOfOneCommitOfALongHistoryUsesIndexesNotAScan() {
        DataAsset asset = asset("long");
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
            live.add(add(segments, asset, s, SegmentKind.DATA, s.getSequenceNumber()));
            previous = s;
        }
        save(asset, snapshots, segments);
        AssetSnapshot current = previous;
        jpa.run(em -> em.createNativeQuery("ANALYZE lakehouse.webm_columnar").executeUpdate());
        jpa.run(em -> em.createNativeQuery("ANALYZE lakehouse.asset_snapshots").executeUpdate());
        long last = current.getSequenceNumber();
        // The last commit is a compaction: 50 segments removed, one added.
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findChangedInRange(asset.getId(), last - 1, last)))
                .hasSize(51);
        String plan = String.join(
                "\n",
                jpa.<List<String>>inTransaction(
                        em -> em.createNativeQuery("EXPLAIN " + JpaSegmentRepository.CHANGED_IN_RANGE)
                                .setParameter("asset", asset.getId())
                                .setParameter("after", last - 1)
                                .setParameter("upTo", last)
                                .getResultList()));
        assertThat(plan)
                .as("plan of findChangedInRange(last - 1, last) over %s snapshots", LONG_HISTORY)
                .doesNotContain("Seq Scan")
                .contains("asset_snapshots_asset_sequence_uk");
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
                        live.add(add(segments, asset, s, SegmentKind.DATA, s.getSequenceNumber()));
                    }
                }
                case UPSERT -> {
                    live.add(add(segments, asset, s, SegmentKind.DATA, s.getSequenceNumber()));
                    if (random.nextBoolean()) {
                        live.add(add(segments, asset, s, SegmentKind.DELETES, s.getSequenceNumber()));
                    }
                }
                case OVERWRITE -> {
                    live.forEach(g -> g.removedBy(s.getId()));
                    live.clear();
                    if (random.nextBoolean()) {
                        live.add(add(segments, asset, s, SegmentKind.DATA, s.getSequenceNumber()));
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
                        live.add(add(segments, asset, s, SegmentKind.DATA, Math.max(1, s.getSequenceNumber() - 1)));
                    }
                }
                case DELETE -> {
                    if (random.nextBoolean()) {
                        live.add(add(segments, asset, s, SegmentKind.DELETES, s.getSequenceNumber()));
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
            List<WebmSegment> segments, DataAsset asset, AssetSnapshot by, SegmentKind kind, long dataSequence) {
        WebmSegment g = new WebmSegment(
                asset.getId(), by.getId(), "s/" + UUID.randomUUID() + ".webm", kind, 10, 100, SHA, "{}", dataSequence);
        segments.add(g);
        return g;
    }
}
