package coop.cpc.lakehouse.application.audit;

import static coop.cpc.lakehouse.application.audit.StoredEntryEdits.edited;
import static coop.cpc.lakehouse.application.audit.StoredEntryEdits.withActor;
import static coop.cpc.lakehouse.application.audit.StoredEntryEdits.withId;
import static coop.cpc.lakehouse.application.audit.StoredEntryEdits.withOutcome;
import static coop.cpc.lakehouse.application.audit.StoredEntryEdits.withResourceId;
import static coop.cpc.lakehouse.application.audit.StoredEntryEdits.withSourceIp;
import static coop.cpc.lakehouse.application.audit.StoredEntryEdits.writtenByAnEarlierBuild;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.testing.PartialFake;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.testing.CapturedLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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

        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(AuditVerification.intact(5));
    }

    @Test
    void deletingTheOldestEntriesWithoutAPurgeBreaksTheChainAtTheOldestSurvivor() {
        trail.append(5);
        UUID survivor = trail.entries.get(2).getId();

        trail.entries.subList(0, 2).clear();

        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(broken(3, survivor));
    }

    @Test
    void aPurgeThatAnchorsTheLastEntryItRemovedKeepsTheChainIntact() {
        trail.append(5);

        trail.purgeBefore(trail.entries.get(2).getOccurredAt());

        assertThat(trail.entries).hasSize(3);
        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(AuditVerification.intact(3));
        // A later deletion without a purge is found again, the anchor does not cover it.
        UUID survivor = trail.entries.get(1).getId();
        trail.entries.remove(0);
        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(broken(2, survivor));
    }

    @Test
    void aPurgeBatchCommittedWhileTheWalkRunsIsNoBreak() {
        trail.append(2_500);
        Instant cutoff = trail.entries.get(1_500).getOccurredAt();
        // The walk has checked the first 1,000 entries when a purge batch removes the next 500 and anchors them.
        trail.afterRead = () -> trail.purgeBefore(cutoff);

        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(AuditVerification.intact(2_000));
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

        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(broken(7, firstAfterGap));
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

        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(AuditVerification.intact(4));
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
                .isEqualTo(new AuditVerification(false, 3, 0, List.of(), true));
        // The chain alone cannot tell a trail cut short from one that ends there.
        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(AuditVerification.intact(3));
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
                .isEqualTo(new AuditVerification(false, 5, 0, List.of(), true));
        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(AuditVerification.intact(5));
    }

    @Test
    void anAnchorNamingThePublishedHeadForgedWhileTheWalkRunsDoesNotHideARecomputedTrail() {
        trail.append(2_500);
        AuditLogEntry head = trail.entries.get(2_499);
        String published = head.getHash();
        String prev = trail.entries.get(0).getHash();
        for (int i = 1; i < 2_500; i++) {
            AuditLogEntry e = trail.entries.get(i);
            // Entry 1 replaced by a denied read at its time; the later ones kept, relinked and rehashed.
            AuditLogEntry forged = ChainHash.chained(
                    prev, i == 1 ? fields(e.getOccurredAt(), AuditOutcome.DENIED) : AuditFields.of(e));
            trail.entries.set(i, forged);
            prev = forged.getHash();
        }
        // An anchor row naming the published head, inserted after the walk's first read (and deleted after it).
        trail.afterRead = () -> trail.anchors.add(new AuditAnchor(START, 0, head));

        assertThat(AuditChainVerifier.verify(trail.repository(), published))
                .isEqualTo(new AuditVerification(false, 2_500, 0, List.of(), true));
    }

    @Test
    void aPublishedHeadThatWasPurgedSinceIsTheAnchorsEntry() {
        trail.append(3);
        String published = trail.entries.get(2).getHash();

        trail.purgeBefore(START.plusSeconds(60));
        trail.append(1);

        assertThat(AuditChainVerifier.verify(trail.repository(), published)).isEqualTo(AuditVerification.intact(1));
        assertThat(AuditChainVerifier.verify(trail.repository(), "0".repeat(64)).intact())
                .isFalse();
    }

    @Test
    void textMovedAcrossTheHashSeparatorBetweenTwoFieldsOfAnEarlierBuildsEntryIsFoundAndTheEntryNamed() {
        trail.append(2);
        // An entry whose resource id held U+001F, hashed as a writer before session 25 stored it (the first rule).
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
        String hash = ChainHash.computeFirstRule(prev, written);
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
        assertThat(ChainHash.computeFirstRule(prev, AuditFields.of(forged)))
                .as("the forgery keeps the hash")
                .isEqualTo(hash);

        try (CapturedLog log = CapturedLog.of(AuditChainVerifier.class)) {
            assertThat(AuditChainVerifier.verify(trail.repository(), hash)).isEqualTo(broken(3, forged.getId()));
            assertThat(log.messages())
                    .singleElement()
                    .asString()
                    .contains("entry " + forged.getId(), "resource_type", "U+001F");
        }
    }

    @Test
    void textMovedAcrossTheHashSeparatorBetweenTwoFieldsOfAnEntryWrittenNowIsFoundAndTheEntryNamed() {
        trail.append(2);
        // The second rule marks the pseudonym and the roles present with "+": text moved with its "+" keeps the hash.
        AuditFields written = withActor(fields(START.plusSeconds(60), AuditOutcome.SUCCESS), "p\u001f+operator");
        String prev = trail.entries.get(1).getHash();
        String hash = ChainHash.compute(prev, written);
        AuditLogEntry forged = new AuditLogEntry(
                written.id(),
                written.occurredAt(),
                "p",
                "operator\u001f+operator",
                written.purpose(),
                written.action(),
                written.resourceType(),
                written.resourceId(),
                written.outcome(),
                written.sourceIp(),
                written.details(),
                prev,
                hash);
        trail.entries.add(forged);
        assertThat(ChainHash.of(forged)).as("the forgery keeps the hash").isEqualTo(hash);

        try (CapturedLog log = CapturedLog.of(AuditChainVerifier.class)) {
            assertThat(AuditChainVerifier.verify(trail.repository(), hash)).isEqualTo(broken(3, forged.getId()));
            assertThat(log.messages())
                    .singleElement()
                    .asString()
                    .contains("entry " + forged.getId(), "actor_role", "U+001F");
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
                .isEqualTo(AuditVerification.intact(2));
    }

    @Test
    void everyEntryEditedInPlaceIsReportedNotOnlyTheFirst() {
        trail.append(10);
        for (int i : new int[] {2, 5, 8}) {
            trail.entries.set(i, edited(trail.entries.get(i), f -> withOutcome(f, AuditOutcome.DENIED)));
        }

        assertThat(AuditChainVerifier.verify(trail.repository()))
                .isEqualTo(broken(
                        10,
                        trail.entries.get(2).getId(),
                        trail.entries.get(5).getId(),
                        trail.entries.get(8).getId()));
    }

    @Test
    void aRunOfDeletedEntriesAndALaterEditedEntryAreBothReported() {
        trail.append(10);
        UUID firstAfterGap = trail.entries.get(5).getId();
        trail.entries.set(7, edited(trail.entries.get(7), f -> withOutcome(f, AuditOutcome.ERROR)));
        UUID editedEntry = trail.entries.get(7).getId();

        trail.entries.subList(3, 5).clear();

        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(broken(8, firstAfterGap, editedEntry));
    }

    @Test
    void everyBrokenEntryIsCountedAndTheFirstHundredNamedInChainOrder() {
        trail.append(2_500);
        List<String> editedIds = new ArrayList<>();
        for (int i = 0; i < 2_500; i += 2) {
            trail.entries.set(i, edited(trail.entries.get(i), f -> withOutcome(f, AuditOutcome.FAILED)));
            editedIds.add(trail.entries.get(i).getId().toString());
        }

        AuditVerification result = AuditChainVerifier.verify(trail.repository());

        assertThat(result)
                .isEqualTo(new AuditVerification(
                        false, 2_500, 1_250, editedIds.subList(0, AuditVerification.LISTED_BROKEN_ENTRIES), false));
        assertThat(result.firstBrokenEntryId()).isEqualTo(editedIds.get(0));
    }

    @Test
    void anEntryForgedAtTheTimeOfTheLastEntryOfABatchIsCheckedNotSkipped() {
        trail.append(1_001);
        AuditLogEntry lastOfFirstBatch = trail.entries.get(999);
        AuditLogEntry successor = trail.entries.get(1_000);
        // Forged with a hash of its own and linked to the batch's last entry; its id sorts after that entry's.
        AuditLogEntry forged = ChainHash.chained(
                lastOfFirstBatch.getHash(),
                withId(
                        fields(lastOfFirstBatch.getOccurredAt(), AuditOutcome.SUCCESS),
                        UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff")));
        trail.entries.add(1_000, forged);

        AuditVerification result = AuditChainVerifier.verify(trail.repository());

        // The entry written after the batch's last one no longer follows the entry before it in the trail.
        assertThat(result).isEqualTo(broken(1_002, successor.getId()));
    }

    @Test
    void aTrailWhoseEveryLinkIsBrokenIsReadInBatchesNotOneQueryPerEntry() {
        trail.append(5_000);
        trail.anchors.add(new AuditAnchor(START, 1, trail.entries.get(0)));
        for (int i = 0; i < trail.entries.size(); i++) {
            AuditLogEntry e = trail.entries.get(i);
            // Linked to a hash no entry or anchor has: every link is broken, every entry's own hash verifies.
            trail.entries.set(i, ChainHash.chained(String.format("%064x", i), AuditFields.of(e)));
        }
        trail.reads = 0;

        AuditVerification result = AuditChainVerifier.verify(trail.repository());

        assertThat(result.brokenEntries()).isEqualTo(5_000);
        assertThat(result.entriesChecked()).isEqualTo(5_000);
        assertThat(result.brokenEntryIds()).hasSize(AuditVerification.LISTED_BROKEN_ENTRIES);
        // 6 batches of at most 1,000 entries, and for each batch's first entry the check of a purge meanwhile.
        assertThat(trail.reads).isLessThanOrEqualTo(1 + 6 + 6 * 2);
    }

    @Test
    void anEntryWrittenNowAndChangedFromNullToEmptyIsReported() {
        trail.append(4);
        AuditLogEntry entry = trail.entries.get(1);
        assertThat(entry.getResourceId()).isNull();
        assertThat(entry.getSourceIp()).isNull();
        trail.entries.set(1, edited(entry, f -> withResourceId(f, "")));
        trail.entries.set(2, edited(trail.entries.get(2), f -> withSourceIp(f, "")));

        assertThat(AuditChainVerifier.verify(trail.repository()))
                .isEqualTo(broken(4, entry.getId(), trail.entries.get(2).getId()));
    }

    @Test
    void anEntryWrittenNowAndChangedFromEmptyToNullIsReported() {
        trail.append(1);
        AuditLogEntry written = ChainHash.chained(
                trail.entries.get(0).getHash(), withActor(fields(START.plusSeconds(60), AuditOutcome.SUCCESS), ""));
        trail.entries.add(edited(written, f -> withActor(f, null)));

        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(broken(2, written.getId()));
    }

    @Test
    void aChainWrittenByAnEarlierBuildStillVerifiesAndNewEntriesFollowIt() {
        String prev = null;
        for (int i = 0; i < 3; i++) {
            // Written before the entries appended below.
            AuditLogEntry old = writtenByAnEarlierBuild(prev, fields(START.minusSeconds(3 - i), AuditOutcome.SUCCESS));
            trail.entries.add(old);
            prev = old.getHash();
        }
        trail.append(2);

        assertThat(AuditChainVerifier.verify(
                        trail.repository(), trail.entries.get(4).getHash()))
                .isEqualTo(AuditVerification.intact(5));
        // Its NULL and '' still hash the same: an entry of an earlier build keeps that blind spot, no more.
        trail.entries.set(1, edited(trail.entries.get(1), f -> withResourceId(f, "")));
        assertThat(AuditChainVerifier.verify(trail.repository())).isEqualTo(AuditVerification.intact(5));
    }

    @Test
    void anEntryOfAnEarlierBuildEditedInPlaceIsStillReported() {
        String prev = null;
        for (int i = 0; i < 3; i++) {
            // Written before the entries appended below.
            AuditLogEntry old = writtenByAnEarlierBuild(prev, fields(START.minusSeconds(3 - i), AuditOutcome.SUCCESS));
            trail.entries.add(old);
            prev = old.getHash();
        }
        trail.entries.set(1, edited(trail.entries.get(1), f -> withOutcome(f, AuditOutcome.DENIED)));

        assertThat(AuditChainVerifier.verify(trail.repository()))
                .isEqualTo(broken(3, trail.entries.get(1).getId()));
    }

    /** The result for a chain in which exactly these entries do not verify, in this order. */
    private static AuditVerification broken(long checked, UUID... ids) {
        return new AuditVerification(
                false,
                checked,
                ids.length,
                java.util.Arrays.stream(ids).map(UUID::toString).toList(),
                false);
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
     * ({@link #findLatestAnchor}, {@link #findAnchorAfter}, {@link #search}, {@link #findBetween}); any other call
     * fails the test.
     */
    private static final class TrailInMemory {
        /** The catalog's order of entries: occurred_at, then id (uuids compare as unsigned bytes, as their text does). */
        static final Comparator<AuditLogEntry> TIME_ORDER = Comparator.comparing(AuditLogEntry::getOccurredAt)
                .thenComparing(e -> e.getId().toString());

        final List<AuditLogEntry> entries = new ArrayList<>();
        final List<AuditAnchor> anchors = new ArrayList<>();
        boolean anchorIgnored;
        /** The repository's reads so far. */
        int reads;
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
            reads++;
            numberAnchors();
            return anchors.isEmpty() ? Optional.empty() : Optional.of(anchors.get(anchors.size() - 1));
        }

        public Optional<AuditAnchor> findAnchorAfter(Long anchorIdOrNull, String lastEntryHash) {
            reads++;
            numberAnchors();
            return anchors.stream()
                    .filter(a -> anchorIdOrNull == null || a.getId() > anchorIdOrNull)
                    .filter(a -> a.getLastEntryHash().equals(lastEntryHash))
                    .findFirst();
        }

        /** Gives each anchor the id the catalog would: its place in the order they were recorded, from 1. */
        private void numberAnchors() {
            for (int i = 0; i < anchors.size(); i++) {
                if (anchors.get(i).getId() == null) {
                    try {
                        java.lang.reflect.Field id = AuditAnchor.class.getDeclaredField("id");
                        id.setAccessible(true);
                        id.set(anchors.get(i), (long) i + 1);
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }

        public List<AuditLogEntry> findBetween(Instant from, Instant to, int limit) {
            return read(entries.stream()
                    .sorted(TIME_ORDER)
                    .filter(e -> !e.getOccurredAt().isBefore(from)
                            && e.getOccurredAt().isBefore(to))
                    .limit(limit)
                    .toList());
        }

        public List<AuditLogEntry> search(AuditLogFilter filter, TimeOrderCursor afterOrNull, int limit) {
            assertThat(filter).isEqualTo(AuditLogFilter.any());
            return read(entries.stream()
                    .sorted(TIME_ORDER)
                    .filter(e -> afterOrNull == null || isAfter(e, afterOrNull))
                    .limit(limit)
                    .toList());
        }

        private List<AuditLogEntry> read(List<AuditLogEntry> found) {
            reads++;
            if (afterRead != null) {
                Runnable once = afterRead;
                afterRead = null;
                once.run();
            }
            return found;
        }

        /** PostgreSQL's (occurred_at, id) > (at, id): uuids compare as unsigned bytes, as their text does. */
        private static boolean isAfter(AuditLogEntry e, TimeOrderCursor cursor) {
            int byTime = e.getOccurredAt().compareTo(cursor.at());
            return byTime > 0
                    || (byTime == 0
                            && e.getId().toString().compareTo(cursor.id().toString()) > 0);
        }
    }
}
