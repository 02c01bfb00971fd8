package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
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
        assertThat(transaction.commits).isEqualTo(3);
        assertThat(AuditTrail.class
                        .getMethod("purgeExpired")
                        .getAnnotation(Lock.class)
                        .value())
                .as("record and recordAll hold the read lock: a write lock would make them wait for the whole purge")
                .isEqualTo(LockType.READ);
    }
}
