package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.testing.PartialFake;
import coop.cpc.lakehouse.catalog.JpaCatalogFixture;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.jpa.JpaAuditLogRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain check against a real catalog while the retention purge commits batches between its reads: each of the
 * walk's reads runs in its own transaction, as in the server (the check runs outside a transaction), and a purge
 * batch, a deletion or an edit commits right after a chosen read.
 */
class AuditChainCheckDuringPurgeTest extends JpaCatalogFixture {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant AFTER_ALL = START.plusSeconds(1_000_000);

    private final List<AuditLogEntry> written = new ArrayList<>();

    @BeforeEach
    void emptyTrail() {
        jpa.run(em -> {
            em.createNativeQuery("DELETE FROM lakehouse.audit_logs").executeUpdate();
            em.createNativeQuery("DELETE FROM lakehouse.audit_anchor").executeUpdate();
        });
    }

    @Test
    void purgeBatchesCommittingAfterTheWalksBatchQueryAndBeforeItsAnchorReadAreNoBreak() {
        write(2_500);
        // After the walk's first batch (entries 0 to 999) a purge batch removes entries 0 to 1,199; after its
        // second batch (from entry 1,200) the next purge batch removes 1,200 to 1,299, before the walk reads the
        // anchors to explain the second batch's first link: the latest anchor is then that second batch's.
        Walk walk = new Walk().afterSearch(1, () -> purgeBatch(1_200)).afterSearch(2, () -> purgeBatch(100));

        AuditVerification result = AuditChainVerifier.verify(walk.repository());

        assertThat(result).isEqualTo(AuditVerification.intact(1_000 + 1_000 + 300));
    }

    @Test
    void theOldestEntriesDeletedWithoutAPurgeWhileTheWalkRunsAreABreak() {
        write(2_500);
        Walk walk = new Walk().afterSearch(1, () -> deleteEntries(0, 1_200));

        AuditVerification result = AuditChainVerifier.verify(walk.repository());

        assertThat(result).isEqualTo(broken(2_300, written.get(1_200)));
    }

    @Test
    void anEntryDeletedFromTheMiddleWhilePurgeBatchesCommitIsStillABreak() {
        write(2_500);
        Walk walk = new Walk()
                .afterSearch(1, () -> {
                    purgeBatch(1_200);
                    deleteEntries(1_800, 1_801);
                })
                .afterSearch(2, () -> purgeBatch(100));

        AuditVerification result = AuditChainVerifier.verify(walk.repository());

        assertThat(result).isEqualTo(broken(2_299, written.get(1_801)));
    }

    @Test
    void anEntryEditedWhilePurgeBatchesCommitIsStillABreak() {
        write(2_500);
        AuditLogEntry edited = written.get(2_100);
        Walk walk = new Walk()
                .afterSearch(1, () -> {
                    purgeBatch(1_200);
                    jpa.run(em -> em.createNativeQuery(
                                    "UPDATE lakehouse.audit_logs SET outcome = 'DENIED' WHERE id = ?1")
                            .setParameter(1, edited.getId())
                            .executeUpdate());
                })
                .afterSearch(2, () -> purgeBatch(100));

        AuditVerification result = AuditChainVerifier.verify(walk.repository());

        assertThat(result).isEqualTo(broken(2_300, edited));
    }

    @Test
    void aPublishedHeadPurgedWhileTheWalkRanBeforeReachingItIsTheAnchorsEntry() {
        write(2_500);
        String published = written.get(1_199).getHash();
        Walk walk = new Walk().afterSearch(1, () -> purgeBatch(1_200));

        AuditVerification result = AuditChainVerifier.verify(walk.repository(), published);

        assertThat(result).isEqualTo(AuditVerification.intact(1_000 + 1_300));
    }

    /** Writes a chain of {@code count} entries, a second apart, in one transaction. */
    private void write(int count) {
        String prev = null;
        for (int i = 0; i < count; i++) {
            AuditLogEntry entry =
                    ChainHash.chained(prev, AuditChainVerifierTest.fields(START.plusSeconds(i), AuditOutcome.SUCCESS));
            written.add(entry);
            prev = entry.getHash();
        }
        jpa.run(em -> written.forEach(em::persist));
    }

    /** One batch of the retention purge, committed: the oldest {@code limit} entries go, an anchor is recorded. */
    private static void purgeBatch(int limit) {
        assertThat(jpa.optional(em -> new JpaAuditLogRepository(em).purgeOccurredBefore(AFTER_ALL, limit)))
                .isPresent();
    }

    /** Deletes the written entries {@code from} (inclusive) to {@code to} (exclusive), committed, with no anchor. */
    private void deleteEntries(int from, int to) {
        List<UUID> ids =
                written.subList(from, to).stream().map(AuditLogEntry::getId).toList();
        jpa.run(em -> em.createNativeQuery("DELETE FROM lakehouse.audit_logs WHERE id = ANY(?1)")
                .setParameter(1, ids.toArray(UUID[]::new))
                .executeUpdate());
    }

    private static AuditVerification broken(long checked, AuditLogEntry entry) {
        return new AuditVerification(false, checked, 1, List.of(entry.getId().toString()), false);
    }

    /**
     * The verifier's reads on the real repository, each in a transaction of its own; after the n-th search
     * (the walk's n-th batch query) the given change commits before the search's result is returned.
     */
    private static final class Walk {
        private final java.util.Map<Integer, Runnable> afterSearch = new java.util.HashMap<>();
        private int searches;

        Walk afterSearch(int n, Runnable change) {
            afterSearch.put(n, change);
            return this;
        }

        AuditLogRepository repository() {
            return PartialFake.of(AuditLogRepository.class, this);
        }

        public Optional<AuditAnchor> findLatestAnchor() {
            return jpa.optional(em -> repo(em).findLatestAnchor());
        }

        public Optional<AuditAnchor> findAnchorAfter(Long anchorIdOrNull, String lastEntryHash) {
            return jpa.optional(em -> repo(em).findAnchorAfter(anchorIdOrNull, lastEntryHash));
        }

        public List<AuditLogEntry> findBetween(Instant from, Instant to, int limit) {
            return jpa.list(em -> repo(em).findBetween(from, to, limit));
        }

        public List<AuditLogEntry> search(AuditLogFilter filter, TimeOrderCursor afterOrNull, int limit) {
            List<AuditLogEntry> batch = jpa.list(em -> repo(em).search(filter, afterOrNull, limit));
            Runnable change = afterSearch.get(++searches);
            if (change != null) {
                change.run();
            }
            return batch;
        }

        private static JpaAuditLogRepository repo(jakarta.persistence.EntityManager em) {
            return new JpaAuditLogRepository(em);
        }
    }
}
