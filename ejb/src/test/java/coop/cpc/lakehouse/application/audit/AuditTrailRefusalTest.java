package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.testing.RequestScopedBean;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A refused call is recorded with the caller, whatever purpose it declared: one of its roles may allow an
 * anonymizing purpose, but no role allowed the operation with it (one role must allow both).
 */
class AuditTrailRefusalTest {

    @Test
    void aCallRefusedUnderAnAnonymizingPurposeOneOfTheRolesMayUseKeepsThePseudonymAndNetwork() {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();
        AuditTrail trail = trail(log, Set.of("auditor", "researcher"), AuditPurpose.RESEARCH);

        trail.refused("/audit/export.ndjson", AuditAction.READ, "forbidden");

        AuditLogEntry entry = log.entries.get(0);
        assertThat(entry.getOutcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(entry.getPurpose()).isEqualTo(AuditPurpose.RESEARCH);
        assertThat(entry.getActorPseudonym()).hasSize(32);
        assertThat(entry.getSourceIp()).isEqualTo("10.1.2.0");
    }

    @Test
    void aFailedReadUnderAnAllowedAnonymizingPurposeStaysAnonymous() {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();
        AuditTrail trail = trail(log, Set.of("researcher"), AuditPurpose.RESEARCH);

        trail.refused("TableApi.rows", AuditAction.READ, "invalid-input");

        AuditLogEntry entry = log.entries.get(0);
        assertThat(entry.getOutcome()).isEqualTo(AuditOutcome.ERROR);
        assertThat(entry.getActorPseudonym()).isNull();
        assertThat(entry.getSourceIp()).isNull();
    }

    private static AuditTrail trail(
            HeldEntriesCallOrderTest.RecordingLog log, Set<String> roles, AuditPurpose declared) {
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, new RequestAuditEntries());
        trail.callers = new AuditedCallers() {
            @Override
            public AuditedCaller current() {
                return new AuditedCaller("alice", roles);
            }
        };
        AuditContext request = new AuditContext();
        request.set(declared, true, "10.1.2.3");
        trail.context = new RequestScopedBean<>(request);
        return trail;
    }
}
