package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.LakehouseException;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.testing.RequestScopedBean;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A service may refuse rows inside an audited call (a journey of a PHI asset asked under an anonymizing
 * purpose): the entry is DENIED and names the caller and its network, as a refusal before the call would.
 */
class AuditInterceptorRefusalTest {

    @Test
    void aRefusalInsideAnAuditedReadIsDeniedAndKeepsTheCallerUnderAnAnonymizingPurpose() throws Exception {
        AuditLogEntry entry = auditedCall(new ForbiddenException(), AuditPurpose.ANALYTICS);

        assertThat(entry.getOutcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(entry.getPurpose()).isEqualTo(AuditPurpose.ANALYTICS);
        assertThat(entry.getActorPseudonym()).hasSize(32);
        assertThat(entry.getSourceIp()).isEqualTo("198.51.100.0");
        assertThat(entry.getDetails()).contains("\"error\":\"forbidden\"");
    }

    @Test
    void aFailedReadUnderAnAllowedAnonymizingPurposeStaysAnErrorWithoutTheCaller() throws Exception {
        AuditLogEntry entry = auditedCall(new InvalidInputException("bad cursor"), AuditPurpose.ANALYTICS);

        assertThat(entry.getOutcome()).isEqualTo(AuditOutcome.ERROR);
        assertThat(entry.getActorPseudonym()).isNull();
        assertThat(entry.getSourceIp()).isNull();
    }

    private static AuditLogEntry auditedCall(LakehouseException thrown, AuditPurpose declared) throws Exception {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();
        RequestAuditEntries held = new RequestAuditEntries();
        AuditTrail trail = HeldEntriesCallOrderTest.trail(log, held);
        AuditedCallers mallory = new AuditedCallers() {
            @Override
            public AuditedCaller current() {
                return new AuditedCaller("mallory", Set.of("analyst"));
            }
        };
        trail.callers = mallory;
        AuditContext request = new AuditContext();
        request.set(declared, true, "198.51.100.77");
        AuditInterceptor interceptor = new AuditInterceptor();
        interceptor.trail = trail;
        interceptor.callers = mallory;
        interceptor.context = new RequestScopedBean<>(request);
        interceptor.heldEntries = new RequestScopedBean<>(held);

        assertThatThrownBy(() -> interceptor.audit(journeyCall(thrown))).isSameAs(thrown);
        trail.recordAll(held.release());
        assertThat(log.entries).hasSize(1);
        return log.entries.get(0);
    }

    /** An audited read of rows, as the CRM adapter's journey read is. */
    public static class Journeys {
        @Audited(action = AuditAction.READ, resource = "crm_journey")
        public Object journey(UUID asset) {
            return null;
        }
    }

    private static InvocationContext journeyCall(LakehouseException thrown) throws NoSuchMethodException {
        Method journey = Journeys.class.getMethod("journey", UUID.class);
        return (InvocationContext) Proxy.newProxyInstance(
                InvocationContext.class.getClassLoader(),
                new Class<?>[] {InvocationContext.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getTarget" -> new Journeys();
                    case "getMethod" -> journey;
                    case "getParameters" -> new Object[] {UUID.randomUUID()};
                    case "getContextData" -> Map.of();
                    case "proceed" -> throw thrown;
                    default -> null;
                });
    }
}
