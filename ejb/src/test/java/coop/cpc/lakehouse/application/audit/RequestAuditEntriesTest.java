package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(request.admit(event("a"))).extracting(AuditEvent::resourceId).containsExactly("a");

        request.holdUntilAnswered();
        assertThat(request.admit(event("b"))).isEmpty();
        assertThat(request.admit(event("c"))).isEmpty();

        assertThat(request.release()).extracting(AuditEvent::resourceId).containsExactly("b", "c");
        // Released: later entries are appended at once again.
        assertThat(request.admit(event("d"))).extracting(AuditEvent::resourceId).containsExactly("d");
        assertThat(request.release()).isEmpty();
    }

    @Test
    void atItsBoundARequestLetsGoWhatItHoldsInCallOrderAndHoldsOn() {
        RequestAuditEntries request = new RequestAuditEntries();
        request.holdUntilAnswered();
        for (int i = 0; i < RequestAuditEntries.MAX_HELD - 1; i++) {
            assertThat(request.admit(event("e" + i))).isEmpty();
        }

        List<AuditEvent> due = request.admit(event("last"));
        assertThat(due).hasSize(RequestAuditEntries.MAX_HELD);
        assertThat(due.get(0).resourceId()).isEqualTo("e0");
        assertThat(due.get(due.size() - 1).resourceId()).isEqualTo("last");
        assertThat(request.admit(event("after"))).isEmpty();
        assertThat(request.release()).extracting(AuditEvent::resourceId).containsExactly("after");
    }

    @Test
    void aRequestWhoseEarlyEntriesWereNotAppendedStillReleasesItsLaterEntriesButWithholdsItsAnswer() {
        RequestAuditEntries request = new RequestAuditEntries();
        request.holdUntilAnswered();
        request.notAppended(RequestAuditEntries.MAX_HELD);
        assertThat(request.admit(event("later"))).isEmpty();

        assertThat(request.release()).extracting(AuditEvent::resourceId).containsExactly("later");
        assertThatThrownBy(request::requireAllAppended)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("64 audit entries of the request could not be appended");
    }

    @Test
    void aRequestWhoseEntriesWereAllAppendedMayAnswer() {
        RequestAuditEntries request = new RequestAuditEntries();
        request.holdUntilAnswered();
        request.admit(event("a"));
        request.release();

        request.requireAllAppended();
    }

    @Test
    void outsideARequestAnEntryIsAppendedAtOnce() {
        assertThat(RequestAuditEntries.admit(null, event("x")))
                .extracting(AuditEvent::resourceId)
                .containsExactly("x");
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
