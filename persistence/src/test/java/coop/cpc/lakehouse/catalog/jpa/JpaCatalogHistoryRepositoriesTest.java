package coop.cpc.lakehouse.catalog.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.HistorySize;
import coop.cpc.lakehouse.catalog.JpaCatalogFixture;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurgeBatch;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import coop.cpc.lakehouse.catalog.segment.SegmentCursor;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.DeletedSnapshotHistory;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotCursor;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Snapshots, segments, lineage, audit and CDC offsets through their JPA adapters. */
class JpaCatalogHistoryRepositoriesTest extends JpaCatalogFixture {

    private static final String SHA = "0".repeat(64);

    @BeforeEach
    void emptyCatalog() {
        jpa.truncateAll();
    }

    @Test
    void liveSegmentsFollowTheSnapshotsThatAddedAndRemovedThem() {
        DataAsset asset = asset("visits");
        AssetSnapshot s1 = AssetSnapshot.first(asset.getId(), SnapshotOperation.APPEND, "{}", null, null);
        AssetSnapshot s2 = AssetSnapshot.after(s1, SnapshotOperation.APPEND, "{}", null, null);
        AssetSnapshot s3 = AssetSnapshot.after(s2, SnapshotOperation.COMPACT, "{}", null, null);
        WebmSegment a = segment(asset, s1, "a.webm");
        WebmSegment b = segment(asset, s2, "b.webm");
        WebmSegment c = segment(asset, s3, "c.webm");
        a.removedBy(s3.getId());
        b.removedBy(s3.getId());
        jpa.run(em -> {
            JpaSnapshotRepository snapshots = new JpaSnapshotRepository(em);
            snapshots.add(s1);
            snapshots.add(s2);
            snapshots.add(s3);
            JpaSegmentRepository segments = new JpaSegmentRepository(em);
            segments.add(a);
            segments.add(b);
            segments.add(c);
        });

        assertThat(live(asset, s1)).containsExactly("a.webm");
        assertThat(live(asset, s2)).containsExactly("a.webm", "b.webm");
        assertThat(live(asset, s3)).containsExactly("c.webm");
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findByAsset(asset.getId())))
                .extracting(WebmSegment::getPath)
                .containsExactly("a.webm", "b.webm", "c.webm");
        assertThat(jpa.optional(em -> new JpaSegmentRepository(em).findByPath("b.webm")))
                .map(WebmSegment::getRemovedSnapshotId)
                .contains(s3.getId());
        java.util.Set<String> known = jpa.inTransaction(
                em -> new JpaSegmentRepository(em).knownPaths(java.util.List.of("b.webm", "c.webm", "z.webm")));
        assertThat(known)
                .as("removed and live segments are known, a stray file is not")
                .containsExactlyInAnyOrder("b.webm", "c.webm");
        assertThat(jpa.optional(em -> new JpaSnapshotRepository(em).findLatest(asset.getId())))
                .contains(s3);
        assertThat(jpa.list(em -> new JpaSnapshotRepository(em).findByAsset(asset.getId())))
                .extracting(AssetSnapshot::getSequenceNumber)
                .containsExactly(1L, 2L, 3L);
        assertThat(jpa.optional(em -> new JpaSnapshotRepository(em)
                        .findAsOf(asset.getId(), s1.getCommittedAt().minus(1, ChronoUnit.SECONDS))))
                .isEmpty();
        assertThat(jpa.optional(em -> new JpaSnapshotRepository(em).findAsOf(asset.getId(), s3.getCommittedAt())))
                .contains(s3);
        // Batched for several assets, each asset's newest only, oldest first.
        DataAsset other = asset("other");
        AssetSnapshot o1 = AssetSnapshot.first(other.getId(), SnapshotOperation.APPEND, "{}", null, null);
        WebmSegment d = segment(other, o1, "d.webm");
        jpa.run(em -> {
            new JpaSnapshotRepository(em).add(o1);
            new JpaSegmentRepository(em).add(d);
        });
        List<UUID> both = List.of(asset.getId(), other.getId());
        List<AssetSnapshot> newestSnapshots =
                jpa.list(em -> new JpaSnapshotRepository(em).findByAssets(both, 2, 0, Long.MAX_VALUE));
        assertThat(newestSnapshots)
                .filteredOn(n -> n.getAssetId().equals(asset.getId()))
                .extracting(AssetSnapshot::getId)
                .containsExactly(s2.getId(), s3.getId());
        assertThat(newestSnapshots)
                .extracting(AssetSnapshot::getId)
                .contains(o1.getId())
                .hasSize(3);
        List<WebmSegment> newestSegments =
                jpa.list(em -> new JpaSegmentRepository(em).findByAssets(both, 2, 0, Long.MAX_VALUE));
        assertThat(newestSegments)
                .filteredOn(n -> n.getAssetId().equals(asset.getId()))
                .extracting(WebmSegment::getPath)
                .containsExactly("b.webm", "c.webm");
        assertThat(newestSegments)
                .extracting(WebmSegment::getPath)
                .contains("d.webm")
                .hasSize(3);
        // Their size, counted without loading them: rows, and the characters of their text as read ("{}", paths).
        assertThat(jpa.list(em -> List.of(new JpaSnapshotRepository(em).sizeOfNewest(both, 2))))
                .containsExactly(new HistorySize(3, 3 * 2));
        assertThat(jpa.list(em -> List.of(new JpaSegmentRepository(em).sizeOfNewest(both, 2))))
                .containsExactly(new HistorySize(3, 3 * ("b.webm".length() + 2)));
        assertThat(jpa.list(em -> List.of(new JpaSegmentRepository(em).sizeOfNewest(List.of(), 2))))
                .containsExactly(new HistorySize(0, 0));
        // Loaded only when they fit, measured as sizeOfNewest measures them: 3 rows of 100 and their characters.
        assertThat(jpa.list(em -> new JpaSnapshotRepository(em).findByAssets(both, 2, 100, 300 + 3 * 2)))
                .hasSize(3);
        assertThat(jpa.list(em -> new JpaSnapshotRepository(em).findByAssets(both, 2, 100, 300 + 3 * 2 - 1)))
                .isEmpty();
        long segmentChars = 3 * ("b.webm".length() + 2);
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findByAssets(both, 2, 100, 300 + segmentChars)))
                .extracting(WebmSegment::getPath)
                .containsExactlyInAnyOrder("b.webm", "c.webm", "d.webm");
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findByAssets(both, 2, 100, 300 + segmentChars - 1)))
                .isEmpty();
        // One window over the assets' history, though its rows are both loaded and measured.
        assertThat(windowsIn(JpaSnapshotRepository.NEWEST_WITHIN, both)).isEqualTo(1);
        assertThat(windowsIn(JpaSegmentRepository.NEWEST_WITHIN, both)).isEqualTo(1);
    }

    @Test
    void aChangeFeedRangeHoldsItsSnapshotsAndTheSegmentsTheyAddedOrRemoved() {
        DataAsset asset = asset("ranged");
        AssetSnapshot s1 = AssetSnapshot.first(asset.getId(), SnapshotOperation.APPEND, "{}", null, null);
        AssetSnapshot s2 = AssetSnapshot.after(s1, SnapshotOperation.APPEND, "{}", null, null);
        AssetSnapshot s3 = AssetSnapshot.after(s2, SnapshotOperation.COMPACT, "{}", null, null);
        AssetSnapshot s4 = AssetSnapshot.after(s3, SnapshotOperation.APPEND, "{}", null, null);
        WebmSegment a = segment(asset, s1, "a.webm");
        WebmSegment b = segment(asset, s2, "b.webm");
        WebmSegment c = segment(asset, s3, "c.webm");
        WebmSegment d = segment(asset, s4, "d.webm");
        a.removedBy(s3.getId());
        b.removedBy(s3.getId());
        DataAsset other = asset("beside");
        AssetSnapshot o1 = AssetSnapshot.first(other.getId(), SnapshotOperation.APPEND, "{}", null, null);
        WebmSegment e = segment(other, o1, "e.webm");
        jpa.run(em -> {
            JpaSnapshotRepository snapshots = new JpaSnapshotRepository(em);
            List.of(s1, s2, s3, s4, o1).forEach(snapshots::add);
            JpaSegmentRepository segments = new JpaSegmentRepository(em);
            List.of(a, b, c, d, e).forEach(segments::add);
        });

        assertThat(jpa.list(em -> new JpaSnapshotRepository(em).findInRange(asset.getId(), 1, 3)))
                .extracting(AssetSnapshot::getSequenceNumber)
                .containsExactly(2L, 3L);
        assertThat(jpa.list(em -> new JpaSnapshotRepository(em).findInRange(asset.getId(), 0, 4)))
                .extracting(AssetSnapshot::getSequenceNumber)
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findChangedInRange(asset.getId(), 1, 2)))
                .extracting(WebmSegment::getPath)
                .containsExactly("b.webm");
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findChangedInRange(asset.getId(), 2, 3)))
                .as("the compaction's range: what it removed, in the order added, and what it added")
                .extracting(WebmSegment::getPath)
                .containsExactly("a.webm", "b.webm", "c.webm");
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findChangedInRange(asset.getId(), 3, 4)))
                .extracting(WebmSegment::getPath)
                .containsExactly("d.webm");
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findChangedInRange(asset.getId(), 4, 4)))
                .isEmpty();
    }

    @Test
    void olderPagesOfSnapshotsAndSegmentsEndBeforeTheirCursor() {
        DataAsset asset = asset("paged");
        List<AssetSnapshot> history = new ArrayList<>();
        List<WebmSegment> added = new ArrayList<>();
        AssetSnapshot previous = null;
        for (int i = 1; i <= 5; i++) {
            AssetSnapshot snapshot = previous == null
                    ? AssetSnapshot.first(asset.getId(), SnapshotOperation.APPEND, "{}", null, null)
                    : AssetSnapshot.after(previous, SnapshotOperation.APPEND, "{}", null, null);
            history.add(snapshot);
            added.add(segment(asset, snapshot, "p" + i + "a.webm"));
            added.add(segment(asset, snapshot, "p" + i + "b.webm"));
            previous = snapshot;
        }
        jpa.run(em -> {
            history.forEach(new JpaSnapshotRepository(em)::add);
            added.forEach(new JpaSegmentRepository(em)::add);
        });
        List<WebmSegment> inOrder = jpa.list(em -> new JpaSegmentRepository(em).findByAsset(asset.getId()));

        assertThat(jpa.list(em -> new JpaSnapshotRepository(em).findBefore(SnapshotCursor.before(history.get(3)), 2)))
                .extracting(AssetSnapshot::getSequenceNumber)
                .containsExactly(2L, 3L);
        assertThat(jpa.list(em -> new JpaSnapshotRepository(em).findBefore(SnapshotCursor.before(history.get(1)), 2)))
                .extracting(AssetSnapshot::getSequenceNumber)
                .containsExactly(1L);
        assertThat(jpa.list(em -> new JpaSnapshotRepository(em).findBefore(SnapshotCursor.before(history.get(0)), 2)))
                .isEmpty();
        assertThat(jpa.list(
                        em -> new JpaSegmentRepository(em).findAddedBefore(SegmentCursor.before(inOrder.get(7)), 3)))
                .containsExactlyElementsOf(inOrder.subList(4, 7));
        assertThat(jpa.list(
                        em -> new JpaSegmentRepository(em).findAddedBefore(SegmentCursor.before(inOrder.get(1)), 3)))
                .containsExactly(inOrder.get(0));
        assertThat(jpa.list(em -> new JpaSegmentRepository(em)
                        .findAddedBefore(new SegmentCursor(asset.getId(), UUID.randomUUID()), 3)))
                .as("a segment no longer in the catalog")
                .isEmpty();
    }

    @Test
    void expiredSnapshotRowsNoSegmentNamesAreDeletedInBatchesAndTheAssetRemembersHowFar() {
        DataAsset asset = asset("cdc_fed");
        List<AssetSnapshot> history = new ArrayList<>();
        AssetSnapshot previous = null;
        for (int i = 1; i <= 6; i++) {
            AssetSnapshot snapshot = previous == null
                    ? AssetSnapshot.first(asset.getId(), SnapshotOperation.CDC, "{}", null, null)
                    : AssetSnapshot.after(previous, SnapshotOperation.CDC, "{}", null, null);
            history.add(snapshot);
            previous = snapshot;
        }
        // #1 added a segment still live; #3's segment was removed by #5 (retained); #2 and #4 name no segment.
        WebmSegment base = segment(asset, history.get(0), "base.webm");
        WebmSegment change = segment(asset, history.get(2), "change.webm");
        change.removedBy(history.get(4).getId());
        jpa.run(em -> {
            history.forEach(new JpaSnapshotRepository(em)::add);
            new JpaSegmentRepository(em).add(base);
            new JpaSegmentRepository(em).add(change);
            em.find(DataAsset.class, asset.getId())
                    .commitSnapshot(history.get(5).getId(), 0, 0);
        });
        jpa.run(em -> {
            for (int i = 0; i < 4; i++) {
                em.find(AssetSnapshot.class, history.get(i).getId()).expire();
            }
        });
        Instant afterExpiry = CatalogTime.now().plus(1, ChronoUnit.SECONDS);

        assertThat(deleteExpired(history.get(0).getCommittedAt().minus(1, ChronoUnit.DAYS), 10))
                .as("none expired before the cut-off")
                .isZero();
        assertThat(jpa.optional(em -> new JpaSnapshotRepository(em).deletedHistory(asset.getId())))
                .isEmpty();

        assertThat(deleteExpired(afterExpiry, 1)).isEqualTo(1);
        assertThat(deleteExpired(afterExpiry, 10))
                .as("the second batch takes the rest")
                .isEqualTo(1);
        assertThat(deleteExpired(afterExpiry, 10)).isZero();

        assertThat(jpa.list(em -> new JpaSnapshotRepository(em).findByAsset(asset.getId())))
                .as("#1 and #3 are named by segments; #5 and #6 are not expired")
                .extracting(AssetSnapshot::getSequenceNumber)
                .containsExactly(1L, 3L, 5L, 6L);
        assertThat(jpa.optional(em -> new JpaSnapshotRepository(em).deletedHistory(asset.getId())))
                .contains(new DeletedSnapshotHistory(
                        asset.getId(), 4, history.get(3).getCommittedAt(), 2));
        // The snapshot after a deleted one keeps no parent; nothing cascaded to later snapshots or to segments.
        assertThat(jpa.optional(em -> new JpaSnapshotRepository(em)
                                .find(history.get(4).getId()))
                        .orElseThrow()
                        .getParentId())
                .as("#5's parent #4 was deleted")
                .isNull();
        assertThat(jpa.optional(em -> new JpaSnapshotRepository(em)
                                .find(history.get(5).getId()))
                        .orElseThrow()
                        .getParentId())
                .isEqualTo(history.get(4).getId());
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findByAsset(asset.getId())))
                .extracting(WebmSegment::getPath)
                .containsExactly("base.webm", "change.webm");
    }

    /** What a snapshot expiry asks of the catalog, each in one statement (TableCommits.recordExpiry). */
    @Test
    void anExpiryFindsItsBoundMarksTheOlderSnapshotsAndForgetsTheSegmentsRemovedUpToIt() {
        DataAsset asset = asset("expiring");
        DataAsset other = asset("untouched");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<AssetSnapshot> history = new ArrayList<>();
        AssetSnapshot previous = null;
        for (int i = 1; i <= 6; i++) {
            AssetSnapshot snapshot = (previous == null
                            ? AssetSnapshot.first(asset.getId(), SnapshotOperation.CDC, "{}", null, null)
                            : AssetSnapshot.after(previous, SnapshotOperation.CDC, "{}", null, null))
                    .committedAt(start.plusSeconds(i));
            history.add(snapshot);
            previous = snapshot;
        }
        AssetSnapshot otherFirst = AssetSnapshot.first(other.getId(), SnapshotOperation.CDC, "{}", null, null)
                .committedAt(start);
        // #1's segment removed by #2, #2's by #4, #4's by #5 (beyond the bound), #6's live; the other asset's removed
        // by its own #2.
        WebmSegment one = segment(asset, history.get(0), "one.webm");
        one.removedBy(history.get(1).getId());
        WebmSegment two = segment(asset, history.get(1), "two.webm");
        two.removedBy(history.get(3).getId());
        WebmSegment four = segment(asset, history.get(3), "four.webm");
        four.removedBy(history.get(4).getId());
        WebmSegment six = segment(asset, history.get(5), "six.webm");
        AssetSnapshot otherSecond = AssetSnapshot.after(otherFirst, SnapshotOperation.CDC, "{}", null, null);
        WebmSegment theirs = segment(other, otherFirst, "theirs.webm");
        theirs.removedBy(otherSecond.getId());
        jpa.run(em -> {
            JpaSnapshotRepository snapshots = new JpaSnapshotRepository(em);
            history.forEach(snapshots::add);
            snapshots.add(otherFirst);
            snapshots.add(otherSecond);
            JpaSegmentRepository segments = new JpaSegmentRepository(em);
            List.of(one, two, four, six, theirs).forEach(segments::add);
        });
        jpa.run(em -> em.find(AssetSnapshot.class, history.get(0).getId()).expire());

        assertThat(jpa.<java.util.OptionalLong>inTransaction(em ->
                        new JpaSnapshotRepository(em).firstSequenceCommittedFrom(asset.getId(), start.plusSeconds(3))))
                .hasValue(3);
        assertThat(jpa.<java.util.OptionalLong>inTransaction(em ->
                        new JpaSnapshotRepository(em).firstSequenceCommittedFrom(asset.getId(), start.plusSeconds(7))))
                .isEmpty();
        assertThat(jpa.<Integer>inTransaction(em -> new JpaSnapshotRepository(em).expireBefore(asset.getId(), 4)))
                .as("#2 and #3; #1 was expired already")
                .isEqualTo(2);
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).forgetRemovedThrough(asset.getId(), 4)))
                .containsExactlyInAnyOrder(
                        new SegmentRepository.ForgottenFile("one.webm", 100),
                        new SegmentRepository.ForgottenFile("two.webm", 100));

        assertThat(jpa.list(em -> new JpaSnapshotRepository(em).findByAsset(asset.getId())))
                .extracting(AssetSnapshot::getSequenceNumber, AssetSnapshot::isExpired)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, true),
                        org.assertj.core.groups.Tuple.tuple(2L, true),
                        org.assertj.core.groups.Tuple.tuple(3L, true),
                        org.assertj.core.groups.Tuple.tuple(4L, false),
                        org.assertj.core.groups.Tuple.tuple(5L, false),
                        org.assertj.core.groups.Tuple.tuple(6L, false));
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findByAsset(asset.getId())))
                .extracting(WebmSegment::getPath)
                .containsExactly("four.webm", "six.webm");
        assertThat(jpa.list(em -> new JpaSegmentRepository(em).findByAsset(other.getId())))
                .extracting(WebmSegment::getPath)
                .containsExactly("theirs.webm");
        assertThat(jpa.list(em -> new JpaSnapshotRepository(em).findByAsset(other.getId())))
                .noneMatch(AssetSnapshot::isExpired);
    }

    @Test
    void expiredSnapshotsOfAnAssetBeingDeletedAreSkippedNotWaitedFor() {
        DataAsset asset = asset("being_deleted");
        AssetSnapshot first = AssetSnapshot.first(asset.getId(), SnapshotOperation.CDC, "{}", null, null);
        AssetSnapshot second = AssetSnapshot.after(first, SnapshotOperation.CDC, "{}", null, null);
        jpa.run(em -> {
            new JpaSnapshotRepository(em).add(first);
            new JpaSnapshotRepository(em).add(second);
            em.find(DataAsset.class, asset.getId()).commitSnapshot(second.getId(), 0, 0);
        });
        jpa.run(em -> em.find(AssetSnapshot.class, first.getId()).expire());
        Instant afterExpiry = CatalogTime.now().plus(1, ChronoUnit.SECONDS);

        // deleteAsset locks the asset row FOR UPDATE, then its cascade deletes the snapshot rows: a batch that
        // took the snapshot rows first and then waited for the asset row (the history row's foreign key) would
        // deadlock with it. The batch must pass the asset by instead (a lock timeout here means it waited).
        int deletedWhileLocked = jpa.inTransaction(deleting -> {
            deleting.createNativeQuery("SELECT id FROM lakehouse.data_assets WHERE id = :id FOR UPDATE")
                    .setParameter("id", asset.getId())
                    .getResultList();
            return jpa.<Integer>inTransaction(em -> {
                em.createNativeQuery("SET LOCAL lock_timeout = '5s'").executeUpdate();
                return new JpaSnapshotRepository(em).deleteExpired(afterExpiry, 10);
            });
        });

        assertThat(deletedWhileLocked).isZero();
        assertThat(deleteExpired(afterExpiry, 10)).as("once the lock is gone").isEqualTo(1);
    }

    @Test
    void lineageIsFoundUpstreamDownstreamAndByExternalSource() {
        DataAsset raw = asset("raw_visits");
        DataAsset research = asset("research_visits");
        LineageEdge ingest = ingestEdge(null, "postgresql://clinic/db/public.visits", raw);
        LineageEdge anonymize = new LineageEdge(
                raw.getId(),
                null,
                research.getId(),
                Transformation.ANONYMIZE_RESEARCH,
                "{\"k\": 5}",
                "[]",
                null,
                null,
                "op");
        jpa.run(em -> {
            new JpaLineageRepository(em).add(ingest);
            new JpaLineageRepository(em).add(anonymize);
        });

        assertThat(jpa.list(em -> new JpaLineageRepository(em).findUpstream(research.getId())))
                .containsExactly(anonymize);
        assertThat(jpa.list(em -> new JpaLineageRepository(em).findDownstream(raw.getId())))
                .containsExactly(anonymize);
        assertThat(jpa.list(em -> new JpaLineageRepository(em).findBySourceUri("postgresql://clinic/db/public.visits")))
                .containsExactly(ingest);
    }

    @Test
    void auditChainHeadIsTheEntryWithoutSuccessor() {
        // As stored (microseconds), so that the bounds below fall exactly on entries.
        Instant now = CatalogTime.now();
        List<AuditLogEntry> chain = auditChain(now.minusSeconds(2), now.minusSeconds(1), now);

        assertThat(jpa.optional(em -> new JpaAuditLogRepository(em).findChainHead()))
                .contains(chain.get(2));
        assertThat(jpa.optional(em -> new JpaAuditLogRepository(em).findSuccessor("h1")))
                .contains(chain.get(1));
        assertThat(jpa.list(
                        em -> new JpaAuditLogRepository(em).findBetween(now.minusSeconds(1), now.plusSeconds(1), 10)))
                .containsExactlyElementsOf(chain.subList(1, 3));
    }

    /** The clock the audit purge compares the server's with: the database's, read as an instant. */
    @Test
    void theDatabaseClockIsReadAsAnInstant() {
        Instant before = Instant.now().minusSeconds(60);

        Instant database =
                jpa.optional(em -> new JpaAuditLogRepository(em).databaseNow()).orElseThrow();

        assertThat(database).isBetween(before, Instant.now().plusSeconds(60));
    }

    @Test
    void aPurgeDeletesOldEntriesAndAnchorsTheNewestItRemoved() {
        Instant now = CatalogTime.now();
        List<AuditLogEntry> chain = auditChain(now.minusSeconds(3), now.minusSeconds(2), now);
        AuditLogEntry first = chain.get(0);
        AuditLogEntry second = chain.get(1);
        AuditLogEntry third = chain.get(2);
        assertThat(jpa.optional(em -> new JpaAuditLogRepository(em).findLatestAnchor()))
                .isEmpty();

        AuditPurgeBatch batch = jpa.<Optional<AuditPurgeBatch>>inTransaction(
                        em -> new JpaAuditLogRepository(em).purgeOccurredBefore(now.minusSeconds(1), 10_000))
                .orElseThrow();
        assertThat(batch.entriesPurged()).isEqualTo(2);

        assertThat(jpa.optional(em -> new JpaAuditLogRepository(em).find(first.getId())))
                .isEmpty();
        assertThat(jpa.optional(em -> new JpaAuditLogRepository(em).find(second.getId())))
                .isEmpty();
        assertThat(jpa.optional(em -> new JpaAuditLogRepository(em).find(third.getId())))
                .isPresent();
        AuditAnchor anchor = jpa.optional(em -> new JpaAuditLogRepository(em).findLatestAnchor())
                .orElseThrow();
        assertThat(anchor.getLastEntryHash()).isEqualTo("h2");
        assertThat(anchor.getLastEntryId()).isEqualTo(second.getId());
        assertThat(anchor.getEntriesPurged()).isEqualTo(2);
        assertThat(batch.anchorId()).as("the batch names the anchor it wrote").isEqualTo(anchor.getId());
        assertThat(batch.anchorHash()).isEqualTo("h2");
        // Nothing older left: a second purge removes nothing and anchors nothing new.
        assertThat(jpa.<Optional<AuditPurgeBatch>>inTransaction(
                        em -> new JpaAuditLogRepository(em).purgeOccurredBefore(now.minusSeconds(1), 10_000)))
                .isEmpty();
        assertThat(jpa.optional(em -> new JpaAuditLogRepository(em).findLatestAnchor())
                        .orElseThrow()
                        .getId())
                .isEqualTo(anchor.getId());
    }

    @Test
    void aPurgeInBatchesDeletesTheOldestFirstAndAnchorsEachBatch() {
        Instant now = CatalogTime.now();
        List<AuditLogEntry> chain = auditChain(now.minusSeconds(4), now.minusSeconds(3), now.minusSeconds(2), now);

        assertThat(jpa.<Optional<AuditPurgeBatch>>inTransaction(
                                em -> new JpaAuditLogRepository(em).purgeOccurredBefore(now.minusSeconds(1), 2))
                        .orElseThrow()
                        .entriesPurged())
                .isEqualTo(2);
        AuditAnchor firstBatch = jpa.optional(em -> new JpaAuditLogRepository(em).findLatestAnchor())
                .orElseThrow();
        assertThat(firstBatch.getLastEntryId()).isEqualTo(chain.get(1).getId());
        assertThat(firstBatch.getEntriesPurged()).isEqualTo(2);
        assertThat(jpa.optional(
                        em -> new JpaAuditLogRepository(em).find(chain.get(2).getId())))
                .isPresent();

        assertThat(jpa.<Optional<AuditPurgeBatch>>inTransaction(
                                em -> new JpaAuditLogRepository(em).purgeOccurredBefore(now.minusSeconds(1), 2))
                        .orElseThrow()
                        .entriesPurged())
                .isEqualTo(1);
        assertThat(jpa.optional(em -> new JpaAuditLogRepository(em).findLatestAnchor())
                        .orElseThrow()
                        .getLastEntryHash())
                .isEqualTo("h3");
        assertThat(jpa.optional(
                        em -> new JpaAuditLogRepository(em).find(chain.get(3).getId())))
                .isPresent();
    }

    @Test
    void auditSearchFiltersAndPagesByKeyset() {
        Instant now = CatalogTime.now();
        AuditLogEntry a = audit(now.minusSeconds(4), null, "h1");
        AuditLogEntry b = audit(now.minusSeconds(3), "h1", "h2", "other", AuditOutcome.DENIED);
        AuditLogEntry c = audit(now.minusSeconds(2), "h2", "h3");
        AuditLogEntry d = audit(now.minusSeconds(1), "h3", "h4");

        List<AuditLogEntry> firstPage =
                jpa.list(em -> new JpaAuditLogRepository(em).search(AuditLogFilter.any(), null, 2));
        assertThat(firstPage).containsExactly(a, b);
        assertThat(jpa.list(em -> new JpaAuditLogRepository(em)
                        .search(AuditLogFilter.any(), AuditLogRepository.after(firstPage.get(1)), 10)))
                .containsExactly(c, d);
        assertThat(jpa.list(em -> new JpaAuditLogRepository(em)
                        .search(new AuditLogFilter(null, null, null, AuditOutcome.DENIED, null, null), null, 10)))
                .containsExactly(b);
        assertThat(jpa.list(em -> new JpaAuditLogRepository(em)
                        .search(new AuditLogFilter(null, null, null, null, null, "other"), null, 10)))
                .containsExactly(b);
        assertThat(jpa.list(em -> new JpaAuditLogRepository(em)
                        .search(
                                new AuditLogFilter(
                                        now.minusSeconds(3),
                                        now.minusSeconds(1),
                                        AuditAction.READ,
                                        null,
                                        "a-1",
                                        "hmac"),
                                null,
                                10)))
                .containsExactly(c);
    }

    private static int deleteExpired(Instant expiredBefore, int limit) {
        return jpa.<Integer>inTransaction(em -> new JpaSnapshotRepository(em).deleteExpired(expiredBefore, limit));
    }

    private static WebmSegment segment(DataAsset asset, AssetSnapshot addedBy, String path) {
        return new WebmSegment(
                asset.getId(),
                addedBy.getId(),
                path,
                SegmentKind.DATA,
                10,
                100,
                SHA,
                "{}",
                addedBy.getSequenceNumber());
    }

    private static List<String> live(DataAsset asset, AssetSnapshot at) {
        return jpa.inTransaction(em -> new JpaSegmentRepository(em).findLiveAt(asset.getId(), at.getId())).stream()
                .map(WebmSegment::getPath)
                .toList();
    }

    /** Entries at the given times, each linked to the one before: hashes h1, h2, ... */
    private static List<AuditLogEntry> auditChain(Instant... at) {
        List<AuditLogEntry> chain = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            chain.add(audit(at[i], i == 0 ? null : "h" + i, "h" + (i + 1)));
        }
        return chain;
    }

    private static AuditLogEntry audit(Instant at, String prevHash, String hash) {
        return audit(at, prevHash, hash, "hmac", AuditOutcome.SUCCESS);
    }

    private static AuditLogEntry audit(
            Instant at, String prevHash, String hash, String pseudonym, AuditOutcome outcome) {
        AuditLogEntry entry = new AuditLogEntry(
                UUID.randomUUID(),
                at,
                pseudonym,
                "operator",
                AuditPurpose.ADMIN,
                AuditAction.READ,
                "asset",
                "a-1",
                outcome,
                null,
                "{}",
                prevHash,
                hash);
        jpa.run(em -> new JpaAuditLogRepository(em).add(entry));
        return entry;
    }

    /** How many window aggregations PostgreSQL's plan of the query runs. */
    private static long windowsIn(String sql, List<UUID> assets) {
        List<?> plan = jpa.list(em -> em.createNativeQuery("EXPLAIN " + sql)
                .setParameter("assets", assets)
                .setParameter("newest", 2)
                .setParameter("itemBytes", 300L)
                .setParameter("maxBytes", Long.MAX_VALUE)
                .getResultList());
        return plan.stream()
                .filter(line -> line.toString().contains("WindowAgg"))
                .count();
    }
}
