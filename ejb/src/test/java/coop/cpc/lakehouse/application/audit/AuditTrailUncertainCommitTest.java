package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An append whose commit fails without saying whether it committed (the catalog database restarted, or the connection
 * broke, between the commit and its answer) is neither lost nor written twice, and the chain stays one chain.
 */
class AuditTrailUncertainCommitTest {
    private final HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();
    private final AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());

    /** Each test starts from a trail that already holds one entry, appended and committed. */
    @BeforeEach
    void oneRefusalAlreadyCommitted() {
        trail.refused("AssetApi.asset", AuditAction.READ, "forbidden");
    }

    @Test
    void aCommitThatFailedAfterCommittingIsNotAppendedAgain() {
        trail.transaction = new FirstCommitFails(log, true);

        trail.refused("AssetApi.rows", AuditAction.READ, "forbidden");
        trail.refused("AssetApi.asset", AuditAction.READ, "forbidden");

        assertThat(log.entries)
                .extracting(AuditLogEntry::getDetails)
                .as("each refusal once, in order")
                .containsExactly(
                        "{\"operation\":\"AssetApi.asset\",\"error\":\"forbidden\"}",
                        "{\"operation\":\"AssetApi.rows\",\"error\":\"forbidden\"}",
                        "{\"operation\":\"AssetApi.asset\",\"error\":\"forbidden\"}");
        assertChained(log.entries);
    }

    @Test
    void aCommitThatFailedAndRolledBackIsAppendedOnTheNextAttempt() {
        trail.transaction = new FirstCommitFails(log, false);

        trail.refused("AssetApi.rows", AuditAction.READ, "forbidden");

        assertThat(log.entries)
                .extracting(AuditLogEntry::getDetails)
                .containsExactly(
                        "{\"operation\":\"AssetApi.asset\",\"error\":\"forbidden\"}",
                        "{\"operation\":\"AssetApi.rows\",\"error\":\"forbidden\"}");
        assertChained(log.entries);
    }

    @Test
    void aGroupWhoseCommitWentThroughBeforeTheDatabaseWentDownIsNotWrittenAgainOneSubmissionAtATime() {
        FirstCommitFails restart = new FirstCommitFails(log, true);
        // The first commit goes through and its answer is lost; the next two attempts find the database down.
        restart.beginsRefused = 2;
        trail.transaction = restart;
        AuditEvent rows = event("AssetApi.rows");
        AuditEvent schema = event("AssetApi.schema");

        assertThatThrownBy(() -> trail.recordAll(List.of(rows, schema))).isInstanceOf(IllegalStateException.class);
        // What GroupCommit does after a group of several submissions failed: each again, on its own.
        trail.recordAll(List.of(rows));
        trail.recordAll(List.of(schema));
        trail.refused("AssetApi.asset", AuditAction.READ, "forbidden");

        assertThat(log.entries)
                .extracting(AuditLogEntry::getDetails)
                .containsExactly(
                        "{\"operation\":\"AssetApi.asset\",\"error\":\"forbidden\"}",
                        "{\"operation\":\"AssetApi.rows\"}",
                        "{\"operation\":\"AssetApi.schema\"}",
                        "{\"operation\":\"AssetApi.asset\",\"error\":\"forbidden\"}");
        assertChained(log.entries);
    }

    private static AuditEvent event(String operation) {
        return new AuditEvent(
                new AuditedCaller("alice", Set.of("analyst")),
                AuditPurpose.USER_VIEW,
                true,
                AuditAction.READ,
                "asset",
                null,
                AuditOutcome.SUCCESS,
                null,
                "{\"operation\":\"" + operation + "\"}");
    }

    private static void assertChained(List<AuditLogEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).getPrevHash())
                    .as("entry %d links to the one before", i)
                    .isEqualTo(entries.get(i - 1).getHash());
        }
    }

    /**
     * The first commit throws; the entries it wrote stay ({@code committed}: the commit went through before the
     * connection broke) or go (it rolled back). Every later transaction commits.
     */
    private static final class FirstCommitFails extends HeldEntriesCallOrderTest.NoTransaction {
        private final HeldEntriesCallOrderTest.RecordingLog log;
        private final boolean committed;
        private final List<AuditLogEntry> before = new ArrayList<>();
        private boolean failed;
        /** Begins refused after the failed commit: the database is down. */
        int beginsRefused;

        FirstCommitFails(HeldEntriesCallOrderTest.RecordingLog log, boolean committed) {
            this.log = log;
            this.committed = committed;
        }

        @Override
        public void begin() throws SystemException {
            if (failed && beginsRefused > 0) {
                beginsRefused--;
                throw new SystemException("Connection to localhost refused");
            }
            before.clear();
            before.addAll(log.entries);
        }

        @Override
        public void commit() throws RollbackException {
            if (!failed) {
                failed = true;
                if (!committed) {
                    log.entries.retainAll(before);
                }
                throw new RollbackException("I/O error: the connection to the catalog database was closed");
            }
        }

        @Override
        public void rollback() {
            log.entries.retainAll(before);
        }
    }
}
