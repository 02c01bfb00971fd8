package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.testing.CapturedLog;
import org.junit.jupiter.api.Test;

/** The chain head goes to the server log, outside the catalog database, so a later check can ask for it. */
class AuditTrailHeadTest {

    @Test
    void theCommittedHeadIsLoggedOnceEachTimeItChanges() {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());
        try (CapturedLog headLog = CapturedLog.of(AuditTrail.class)) {
            trail.publishHead();
            assertThat(headLog.messages()).as("nothing committed yet").isEmpty();

            trail.refused("AssetApi.asset", AuditAction.READ, "forbidden");
            trail.refused("AssetApi.asset", AuditAction.READ, "forbidden");
            trail.publishHead();
            trail.publishHead();

            String head = log.entries.get(1).getHash();
            assertThat(headLog.messages())
                    .containsExactly("Audit chain head: " + head + " (entry "
                            + log.entries.get(1).getId() + " at "
                            + log.entries.get(1).getOccurredAt() + ")");
        }
    }
}
