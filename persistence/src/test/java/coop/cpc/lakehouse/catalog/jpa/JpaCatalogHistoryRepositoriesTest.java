package coop.cpc.lakehouse.catalog.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.JpaCatalogFixture;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogCursor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
        List<AssetSnapshot> newestSnapshots = jpa.list(em -> new JpaSnapshotRepository(em).findByAssets(both, 2));
        assertThat(newestSnapshots)
                .filteredOn(n -> n.getAssetId().equals(asset.getId()))
                .extracting(AssetSnapshot::getId)
                .containsExactly(s2.getId(), s3.getId());
        assertThat(newestSnapshots)
                .extracting(AssetSnapshot::getId)
                .contains(o1.getId())
                .hasSize(3);
        List<WebmSegment> newestSegments = jpa.list(em -> new JpaSegmentRepository(em).findByAssets(both, 2));
        assertThat(newestSegments)
                .filteredOn(n -> n.getAssetId().equals(asset.getId()))
                .extracting(WebmSegment::getPath)
                .containsExactly("b.webm", "c.webm");
        assertThat(newestSegments)
                .extracting(WebmSegment::getPath)
                .contains("d.webm")
                .hasSize(3);
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

    @Test
    void aPurgeDeletesOldEntriesAndAnchorsTheNewestItRemoved() {
        Instant now = CatalogTime.now();
        List<AuditLogEntry> chain = auditChain(now.minusSeconds(3), now.minusSeconds(2), now);
        AuditLogEntry first = chain.get(0);
        AuditLogEntry second = chain.get(1);
        AuditLogEntry third = chain.get(2);
        assertThat(jpa.optional(em -> new JpaAuditLogRepository(em).findLatestAnchor()))
                .isEmpty();

        assertThat(jpa.<Integer>inTransaction(
                        em -> new JpaAuditLogRepository(em).purgeOccurredBefore(now.minusSeconds(1), 10_000)))
                .isEqualTo(2);

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
        // Nothing older left: a second purge removes nothing and anchors nothing new.
        assertThat(jpa.<Integer>inTransaction(
                        em -> new JpaAuditLogRepository(em).purgeOccurredBefore(now.minusSeconds(1), 10_000)))
                .isZero();
        assertThat(jpa.optional(em -> new JpaAuditLogRepository(em).findLatestAnchor())
                        .orElseThrow()
                        .getId())
                .isEqualTo(anchor.getId());
    }

    @Test
    void aPurgeInBatchesDeletesTheOldestFirstAndAnchorsEachBatch() {
        Instant now = CatalogTime.now();
        List<AuditLogEntry> chain = auditChain(now.minusSeconds(4), now.minusSeconds(3), now.minusSeconds(2), now);

        assertThat(jpa.<Integer>inTransaction(
                        em -> new JpaAuditLogRepository(em).purgeOccurredBefore(now.minusSeconds(1), 2)))
                .isEqualTo(2);
        AuditAnchor firstBatch = jpa.optional(em -> new JpaAuditLogRepository(em).findLatestAnchor())
                .orElseThrow();
        assertThat(firstBatch.getLastEntryId()).isEqualTo(chain.get(1).getId());
        assertThat(firstBatch.getEntriesPurged()).isEqualTo(2);
        assertThat(jpa.optional(
                        em -> new JpaAuditLogRepository(em).find(chain.get(2).getId())))
                .isPresent();

        assertThat(jpa.<Integer>inTransaction(
                        em -> new JpaAuditLogRepository(em).purgeOccurredBefore(now.minusSeconds(1), 2)))
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
                        .search(AuditLogFilter.any(), AuditLogCursor.after(firstPage.get(1)), 10)))
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
}
