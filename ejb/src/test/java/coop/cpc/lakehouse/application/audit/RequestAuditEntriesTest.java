package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestAuditEntriesTest {

    @Test
    void aRequestHoldsItsEntriesOnlyOnceAskedAndReleasesThemInOrder() {
        RequestAuditEntries request = new RequestAuditEntries();
        assertThat(request.hold(event("a"))).isFalse();

        request.holdUntilAnswered();
        assertThat(request.hold(event("b"))).isTrue();
        assertThat(request.hold(event("c"))).isTrue();

        assertThat(request.release()).extracting(AuditEvent::resourceId).containsExactly("b", "c");
        // Released: later entries are appended at once again.
        assertThat(request.hold(event("d"))).isFalse();
        assertThat(request.release()).isEmpty();
    }

    @Test
    void holdsAtMostItsBoundThenLetsEntriesBeAppendedAtOnce() {
        RequestAuditEntries request = new RequestAuditEntries();
        request.holdUntilAnswered();
        for (int i = 0; i < RequestAuditEntries.MAX_HELD; i++) {
            assertThat(request.hold(event("e" + i))).isTrue();
        }

        assertThat(request.hold(event("beyond"))).isFalse();
        List<AuditEvent> released = request.release();
        assertThat(released).hasSize(RequestAuditEntries.MAX_HELD);
    }

    @Test
    void outsideARequestNothingIsHeld() {
        assertThat(RequestAuditEntries.held(null, event("x"))).isFalse();
    }

    private static AuditEvent event(String resourceId) {
        return new AuditEvent(
                new AuditedCaller("alice", Set.of("analyst")),
                AuditPurpose.RESEARCH,
                true,
                AuditAction.READ,
                "asset",
                resourceId,
                AuditOutcome.SUCCESS,
                "127.0.0.1",
                "{}");
    }
}
