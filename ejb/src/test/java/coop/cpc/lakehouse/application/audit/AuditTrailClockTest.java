package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** A trail restarted while the wall clock is behind its head's time keeps its time order its chain order. */
class AuditTrailClockTest {

    @Test
    void anEntryAppendedAfterARestartWithTheClockBehindComesAfterTheHead() {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();
        Instant headAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        AuditLogEntry head = ChainHash.chained(null, AuditChainVerifierTest.fields(headAt, AuditOutcome.SUCCESS));
        log.add(head);
        AuditTrail restarted = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());

        restarted.refused("AssetApi.asset", AuditAction.READ, "forbidden");

        AuditLogEntry appended = log.entries.get(1);
        assertThat(appended.getPrevHash()).isEqualTo(head.getHash());
        assertThat(appended.getOccurredAt()).isAfter(headAt);
    }
}
