package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.testing.PartialFake;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.testing.CapturedLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditChainVerifierTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final TrailInMemory trail = new TrailInMemory();

    @Test
    void anUntouchedChainIsIntact() {
        trail.append(5);

        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(new AuditVerification(true, 5, null));
    }

    @Test
    void deletingTheOldestEntriesWithoutAPurgeBreaksTheChainAtTheOldestSurvivor() {
        trail.append(5);
        UUID survivor = trail.entries.get(2).getId();

        trail.entries.subList(0, 2).clear();

        assertThat(AuditChainVerifier.verify(trail.repository()))
                .isEqualTo(new AuditVerification(false, 0, survivor.toString()));
    }

    @Test
    void aPurgeThatAnchorsTheLastEntryItRemovedKeepsTheChainIntact() {
        trail.append(5);

        trail.purgeBefore(trail.entries.get(2).getOccurredAt());

        assertThat(trail.entries).hasSize(3);
        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(new AuditVerification(true, 3, null));
        // A later deletion without a purge is found again, the anchor does not cover it.
        UUID survivor = trail.entries.get(1).getId();
        trail.entries.remove(0);
        assertThat(AuditChainVerifier.verify(trail.repository()))
                .isEqualTo(new AuditVerification(false, 0, survivor.toString()));
    }

    @Test
    void aPurgeBatchCommittedWhileTheWalkRunsIsNoBreak() {
        trail.append(2_500);
        Instant cutoff = trail.entries.get(1_500).getOccurredAt();
        // The walk has checked the first 1,000 entries when a purge batch removes the next 500 and anchors them.
        trail.afterRead = () -> trail.purgeBefore(cutoff);

        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(new AuditVerification(true, 2_000, null));
    }

    @Test
    void anAnchorForgedToBridgeEntriesDeletedInTheMiddleIsABreak() {
        trail.append(10);
        AuditLogEntry bridged = trail.entries.get(5);
        UUID firstAfterGap = trail.entries.get(6).getId();
        // Entries 3 to 5 deleted, an anchor row forged for entry 5, entries 0 to 2 rebuilt to start from it.
        List<AuditLogEntry> rebuilt = new ArrayList<>();
        String prev = bridged.getHash();
        for (int i = 0; i < 3; i++) {
            AuditLogEntry e =
                    ChainHash.chained(prev, fields(trail.entries.get(i).getOccurredAt(), AuditOutcome.SUCCESS));
            rebuilt.add(e);
            prev = e.getHash();
        }
        trail.entries.subList(0, 6).clear();
        trail.entries.addAll(0, rebuilt);
        trail.anchors.add(new AuditAnchor(START, 0, bridged));

        assertThat(AuditChainVerifier.verify(trail.repository()))
                .isEqualTo(new AuditVerification(false, 3, firstAfterGap.toString()));
    }

    @Test
    void entriesTimedAheadOfTheClockAreVerifiedToo() {
        trail.append(3);
        AuditLogEntry ahead = ChainHash.chained(
                trail.entries.get(2).getHash(),
                fields(
                        Instant.now()
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .plus(java.time.Duration.ofDays(2)),
                        AuditOutcome.SUCCESS));
        trail.entries.add(ahead);

        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(new AuditVerification(true, 4, null));
        assertThat(AuditChainVerifier.verify(trail.repository(), ahead.getHash())
                        .intact())
                .isTrue();
    }

    @Test
    void anEntryLinkedToNothingAfterAPurgeIsFound() {
        trail.append(2);
        trail.purgeBefore(START.plusSeconds(10));
        // A chain restarted from scratch after a purge (the anchor ignored) does not verify.
        trail.anchorIgnored = true;
        trail.append(1);

        assertThat(AuditChainVerifier.verify(trail.repository()).intact()).isFalse();
    }

    @Test
    void deletingTheNewestEntriesIsFoundOnlyAgainstAHeadPublishedBefore() {
        trail.append(5);
        String published = trail.entries.get(4).getHash();

        trail.entries.subList(3, 5).clear();

        assertThat(AuditChainVerifier.verify(trail.repository(), published))
                .isEqualTo(new AuditVerification(false, 3, null));
        // The chain alone cannot tell a trail cut short from one that ends there.
        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(new AuditVerification(true, 3, null));
    }

    @Test
    void anEntryEditedWithEveryLaterHashRecomputedIsFoundAgainstAHeadPublishedBefore() {
        trail.append(5);
        String published = trail.entries.get(4).getHash();

        String prev = trail.entries.get(0).getHash();
        for (int i = 1; i < 5; i++) {
            AuditLogEntry e = trail.entries.get(i);
            // Entry 1 replaced by a denied read at its time; the later ones kept, relinked and rehashed.
            AuditLogEntry forged = ChainHash.chained(
                    prev, i == 1 ? fields(e.getOccurredAt(), AuditOutcome.DENIED) : AuditFields.of(e));
            trail.entries.set(i, forged);
            prev = forged.getHash();
        }

        assertThat(AuditChainVerifier.verify(trail.repository(), published))
                .isEqualTo(new AuditVerification(false, 5, null));
        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(new AuditVerification(true, 5, null));
    }

    @Test
    void aPublishedHeadThatWasPurgedSinceIsTheAnchorsEntry() {
        trail.append(3);
        String published = trail.entries.get(2).getHash();

        trail.purgeBefore(START.plusSeconds(60));
        trail.append(1);

        assertThat(AuditChainVerifier.verify(trail.repository(), published))
                .isEqualTo(new AuditVerification(true, 1, null));
        assertThat(AuditChainVerifier.verify(trail.repository(), "0".repeat(64)).intact())
                .isFalse();
    }

    @Test
    void textMovedAcrossTheHashSeparatorBetweenTwoFieldsIsFoundAndTheEntryNamed() {
        trail.append(2);
        // An entry whose resource id held U+001F, hashed as a writer that stored it did (the hash is unchanged).
        AuditFields written = new AuditFields(
                UUID.randomUUID(),
                START.plusSeconds(60),
                "p",
                "operator",
                AuditPurpose.ADMIN,
                AuditAction.READ,
                "asset",
                "r\u001fx",
                AuditOutcome.SUCCESS,
                null,
                "{\"operation\":\"Test.call\"}");
        String prev = trail.entries.get(1).getHash();
        String hash = ChainHash.compute(prev, written);
        // Someone with database access moves "r" from the resource id into the resource type: the same hash.
        AuditLogEntry forged = new AuditLogEntry(
                written.id(),
                written.occurredAt(),
                "p",
                "operator",
                AuditPurpose.ADMIN,
                AuditAction.READ,
                "asset\u001fr",
                "x",
                AuditOutcome.SUCCESS,
                null,
                written.details(),
                prev,
                hash);
        trail.entries.add(forged);
        assertThat(ChainHash.of(forged)).as("the forgery keeps the hash").isEqualTo(hash);

        try (CapturedLog log = CapturedLog.of(AuditChainVerifier.class)) {
            assertThat(AuditChainVerifier.verify(trail.repository(), hash))
                    .isEqualTo(new AuditVerification(false, 2, forged.getId().toString()));
            assertThat(log.messages())
                    .singleElement()
                    .asString()
                    .contains("entry " + forged.getId(), "resource_type", "U+001F");
        }
    }

    @Test
    void anEntryWrittenFromTextHoldingTheHashSeparatorVerifies() {
        trail.append(1);
        AuditLogEntry written = ChainHash.chained(
                trail.entries.get(0).getHash(),
                new AuditFields(
                        UUID.randomUUID(),
                        START.plusSeconds(60),
                        "p",
                        "operator\u001fasset",
                        AuditPurpose.ADMIN,
                        AuditAction.READ,
                        "asset",
                        "name\u001fx",
                        AuditOutcome.SUCCESS,
                        null,
                        "{\"operation\":\"Test.call\",\"name\":\"a\\u001fb\"}"));
        trail.entries.add(written);

        assertThat(AuditChainVerifier.verify(trail.repository(), written.getHash()))
                .isEqualTo(new AuditVerification(true, 2, null));
    }

    /** The fields of an entry of these tests: a read of an asset at the given time. */
    static AuditFields fields(Instant at, AuditOutcome outcome) {
        return new AuditFields(
                UUID.randomUUID(),
                at,
                "p",
                "operator",
                AuditPurpose.ADMIN,
                AuditAction.READ,
                "asset",
                null,
                outcome,
                null,
                "{\"operation\":\"Test.call\"}");
    }

    /**
     * The repository's contract as JpaAuditLogRepository implements it, in memory: the reads the verifier makes
     * ({@link #findLatestAnchor}, {@link #findBetween}); any other call fails the test.
     */
    private static final class TrailInMemory {
        final List<AuditLogEntry> entries = new ArrayList<>();
        final List<AuditAnchor> anchors = new ArrayList<>();
        boolean anchorIgnored;
        /** Runs once, after the first read of the walk. */
        Runnable afterRead;

        private int sequence;

        void append(int count) {
            for (int i = 0; i < count; i++) {
                String prev = entries.isEmpty()
                        ? (anchorIgnored
                                ? null
                                : findLatestAnchor()
                                        .map(AuditAnchor::getLastEntryHash)
                                        .orElse(null))
                        : entries.get(entries.size() - 1).getHash();
                entries.add(ChainHash.chained(prev, fields(START.plusSeconds(sequence++), AuditOutcome.SUCCESS)));
            }
        }

        void purgeBefore(Instant cutoff) {
            List<AuditLogEntry> old = entries.stream()
                    .filter(e -> e.getOccurredAt().isBefore(cutoff))
                    .toList();
            anchors.add(new AuditAnchor(cutoff, old.size(), old.get(old.size() - 1)));
            entries.removeAll(old);
        }

        AuditLogRepository repository() {
            return PartialFake.of(AuditLogRepository.class, this);
        }

        public Optional<AuditAnchor> findLatestAnchor() {
            return anchors.isEmpty() ? Optional.empty() : Optional.of(anchors.get(anchors.size() - 1));
        }

        public List<AuditLogEntry> findBetween(Instant from, Instant to, int limit) {
            List<AuditLogEntry> found = entries.stream()
                    .filter(e -> !e.getOccurredAt().isBefore(from)
                            && e.getOccurredAt().isBefore(to))
                    .limit(limit)
                    .toList();
            if (afterRead != null) {
                Runnable once = afterRead;
                afterRead = null;
                once.run();
            }
            return found;
        }
    }
}
