package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The chain head goes to the server log, outside the catalog database, so a later check can ask for it. */
class AuditTrailHeadTest {

    @Test
    void theCommittedHeadIsLoggedOnceEachTimeItChanges() {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());
        List<String> messages = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(AuditTrail.class.getName());
        logger.addHandler(capture);
        try {
            trail.publishHead();
            assertThat(messages).as("nothing committed yet").isEmpty();

            trail.refused("AssetApi.asset", AuditAction.READ, "forbidden");
            trail.refused("AssetApi.asset", AuditAction.READ, "forbidden");
            trail.publishHead();
            trail.publishHead();

            String head = log.entries.get(1).getHash();
            assertThat(messages)
                    .containsExactly("Audit chain head: " + head + " (entry "
                            + log.entries.get(1).getId() + " at "
                            + log.entries.get(1).getOccurredAt() + ")");
        } finally {
            logger.removeHandler(capture);
        }
    }
}
