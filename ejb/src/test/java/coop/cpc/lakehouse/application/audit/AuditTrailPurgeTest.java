package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditAnchor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurgeBatch;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The daily purge deletes in bounded batches and leaves audited calls free to append meanwhile. */
class AuditTrailPurgeTest {

    @Test
    void aLongPurgeDeletesInBatchesOfOneTransactionEachUnderTheReadLock() throws Exception {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();
        log.expiredEntries = 2 * AuditTrail.PURGE_BATCH + 5;
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());
        HeldEntriesCallOrderTest.NoTransaction transaction = (HeldEntriesCallOrderTest.NoTransaction) trail.transaction;

        trail.purgeExpired();

        assertThat(log.purgeLimits)
                .containsExactly(AuditTrail.PURGE_BATCH, AuditTrail.PURGE_BATCH, AuditTrail.PURGE_BATCH);
        assertThat(log.expiredEntries).isZero();
        assertThat(transaction.commits)
                .as("the database clock's read, three purge batches and the purge's own entry")
                .isEqualTo(5);
        assertThat(AuditTrail.class
                        .getMethod("purgeExpired")
                        .getAnnotation(Lock.class)
                        .value())
                .as("record and recordAll hold the read lock: a write lock would make them wait for the whole purge")
                .isEqualTo(LockType.READ);
    }

    /** The purge deletes audit entries: it is on the trail itself, as the run history's purge is, with what it did. */
    @Test
    void thePurgeRecordsOneDeleteEntryNamingHowManyEntriesItRemovedAndTheirCutoff() {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();
        log.expiredEntries = AuditTrail.PURGE_BATCH + 3;
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());
        Instant before = Instant.now();

        trail.purgeExpired();

        assertThat(log.entries).hasSize(1);
        AuditLogEntry entry = log.entries.get(0);
        assertThat(entry.getAction()).isEqualTo(AuditAction.DELETE);
        assertThat(entry.getResourceType()).isEqualTo("audit_log");
        assertThat(entry.getOutcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(entry.getDetails())
                .contains("\"operation\":\"AuditTrail.purgeExpired\"")
                .contains("\"entriesPurged\":" + (AuditTrail.PURGE_BATCH + 3))
                .contains("\"purgedBefore\":\""
                        + before.minusSeconds(365L * 86_400).toString().substring(0, 10));
    }

    /**
     * A purge of several batches leaves one anchor a batch, and its entry names them all (first and last anchor id,
     * count, last hash): before, it named only the last batch's hash, so the documented forged-anchor query reported
     * the other batches' anchors as forged. The ids come from the batches themselves, not from re-reading the latest
     * anchor, which another server's purge may have written.
     */
    @Test
    void thePurgeEntryNamesEveryAnchorItsBatchesLeft() {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog() {
            @Override
            public Optional<AuditAnchor> findLatestAnchor() {
                return Optional.of(new AuditAnchor(Instant.now(), 1, someEntry()));
            }
        };
        log.expiredEntries = 2 * AuditTrail.PURGE_BATCH + 5;
        log.anchorIdStep = 2;
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());

        trail.purgeExpired();

        assertThat(log.entries.get(0).getDetails())
                .contains("\"firstAnchorId\":42")
                .contains("\"lastAnchorId\":46")
                .contains("\"anchors\":3")
                .contains("\"anchorHash\":\"anchor-46\"");
    }

    @Test
    void aPurgeThatRemovedNothingNamesNoAnchor() {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());

        trail.purgeExpired();

        assertThat(log.entries.get(0).getDetails())
                .contains("\"entriesPurged\":0")
                .doesNotContain("anchor");
    }

    private static AuditLogEntry someEntry() {
        return ChainHash.chained(
                null,
                new AuditFields(
                        UUID.randomUUID(),
                        Instant.parse("2025-01-01T00:00:00Z"),
                        null,
                        "anonymous",
                        AuditPurpose.DATA_SYNC,
                        AuditAction.READ,
                        "asset",
                        null,
                        AuditOutcome.SUCCESS,
                        null,
                        "{}"));
    }

    /**
     * A server whose clock jumped two years ahead of the catalog database's: before, the purge cut by the server's
     * clock alone and removed every entry of the last year (the whole trail, irreversibly); it cuts by the earlier
     * clock now.
     */
    @Test
    void aServerClockYearsAheadOfTheDatabasesDoesNotDecideWhatThePurgeRemoves() {
        Instant databaseNow = Instant.now().minus(Duration.ofDays(730));
        HeldEntriesCallOrderTest.RecordingLog log = logWithDatabaseClock(databaseNow);
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());

        trail.purgeExpired();

        assertThat(log.purgeCutoffs).containsExactly(databaseNow.minus(Duration.ofDays(365)));
        assertThat(new PurgeClocks(databaseNow, Optional.of(Instant.now())).earlier())
                .as("a database clock ahead does not decide either")
                .isEqualTo(databaseNow);
        assertThat(new PurgeClocks(databaseNow, Optional.empty()).earlier()).isEqualTo(databaseNow);
    }

    /**
     * Clocks two years apart: one is wrong, and if it is the database's (set back) every purge removes nothing and the
     * trail outlives its retention. The purge still cuts by the earlier clock, but its entry is an ERROR naming both
     * times; before, it was a SUCCESS with entriesPurged 0 and the disagreement was only in the server log.
     */
    @Test
    void clocksMoreThanAnHourApartMakeThePurgeAnErrorNamingBothTimes() {
        Instant databaseNow = Instant.parse("2024-12-07T03:07:00Z");
        HeldEntriesCallOrderTest.RecordingLog log = logWithDatabaseClock(databaseNow);
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());

        trail.purgeExpired();

        AuditLogEntry entry = log.entries.get(0);
        assertThat(entry.getOutcome()).isEqualTo(AuditOutcome.ERROR);
        assertThat(entry.getDetails())
                .contains("\"clocksDisagree\":{\"server\":\"")
                .contains("\"database\":\"2024-12-07T03:07:00Z\"")
                .contains("\"purgedBefore\":\"2023-12-08T03:07:00Z\"")
                .doesNotContain("\"error\"");
    }

    @Test
    void clocksWithinAnHourMakeNoError() {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog() {
            @Override
            public Optional<Instant> databaseNow() {
                return Optional.of(Instant.now().minus(Duration.ofMinutes(59)));
            }
        };
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());

        trail.purgeExpired();

        assertThat(log.entries.get(0).getOutcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(log.entries.get(0).getDetails()).doesNotContain("clocksDisagree");
    }

    /**
     * The database's clock could not be read: no cut was computed and nothing purged, so the ERROR entry has no
     * purgedBefore (before, it reported the cut of the server's clock alone, the one the guard does not trust).
     */
    @Test
    void aPurgeThatCouldNotReadTheDatabaseClockNamesNoCut() {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog() {
            @Override
            public Optional<Instant> databaseNow() {
                throw new IllegalStateException("the database went away");
            }
        };
        log.expiredEntries = 5;
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());

        trail.purgeExpired();

        assertThat(log.purgeLimits).isEmpty();
        AuditLogEntry entry = log.entries.get(0);
        assertThat(entry.getOutcome()).isEqualTo(AuditOutcome.ERROR);
        assertThat(entry.getDetails())
                .contains("\"entriesPurged\":0", "\"error\":\"internal\"")
                .doesNotContain("purgedBefore");
    }

    @Test
    void aPurgeThatFailsHalfWayRecordsAnErrorEntryWithWhatItHadRemoved() {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog() {
            @Override
            public Optional<AuditPurgeBatch> purgeOccurredBefore(Instant instant, int limit) {
                if (!purgeLimits.isEmpty()) {
                    throw new IllegalStateException("the database went away");
                }
                return super.purgeOccurredBefore(instant, limit);
            }
        };
        log.expiredEntries = 3 * AuditTrail.PURGE_BATCH;
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());

        trail.purgeExpired();

        assertThat(log.entries).hasSize(1);
        AuditLogEntry entry = log.entries.get(0);
        assertThat(entry.getAction()).isEqualTo(AuditAction.DELETE);
        assertThat(entry.getOutcome()).isEqualTo(AuditOutcome.ERROR);
        assertThat(entry.getDetails())
                .contains("\"entriesPurged\":" + AuditTrail.PURGE_BATCH)
                .contains("\"error\":\"internal\"")
                .doesNotContain("database went away");
    }

    /** A recording log whose catalog database's clock reads {@code databaseNow}. */
    private static HeldEntriesCallOrderTest.RecordingLog logWithDatabaseClock(Instant databaseNow) {
        return new HeldEntriesCallOrderTest.RecordingLog() {
            @Override
            public Optional<Instant> databaseNow() {
                return Optional.of(databaseNow);
            }
        };
    }
}
