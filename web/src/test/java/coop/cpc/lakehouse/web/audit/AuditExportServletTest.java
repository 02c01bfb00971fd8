package coop.cpc.lakehouse.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.security.Role;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A refused export of the trail is recorded under {@code audit_log}, the resource type the export's own entry has:
 * before, it was {@code api}, so an auditor filtering the reads of the trail by resource type missed the attempts.
 */
class AuditExportServletTest {

    @Test
    void aForbiddenExportIsRecordedAsARefusedReadOfTheAuditLog() throws Exception {
        RecordingTrail trail = new RecordingTrail();
        AuditExportServlet servlet = servlet(trail, new ForbiddingGate());

        servlet.doGet(request(Map.of()), response());

        assertThat(trail.refusals).containsExactly("READ audit_log forbidden");
    }

    @Test
    void anExportWithAnUnparsablePeriodIsRecordedAsARefusedReadOfTheAuditLog() throws Exception {
        RecordingTrail trail = new RecordingTrail();
        AuditExportServlet servlet = servlet(trail, new ForbiddingGate());

        servlet.doGet(request(Map.of("from", "yesterday")), response());

        assertThat(trail.refusals).containsExactly("READ audit_log invalid-input");
    }

    private static AuditExportServlet servlet(AuditTrail trail, OperationGate gate) {
        AuditExportServlet servlet = new AuditExportServlet();
        servlet.trail = trail;
        servlet.gate = gate;
        return servlet;
    }

    private static HttpServletRequest request(Map<String, String> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, arguments) ->
                        method.getName().equals("getParameter") ? parameters.get((String) arguments[0]) : null);
    }

    private static HttpServletResponse response() {
        PrintWriter body = new PrintWriter(new StringWriter());
        return (HttpServletResponse) Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, arguments) -> method.getName().equals("getWriter") ? body : null);
    }

    static final class ForbiddingGate extends OperationGate {
        @Override
        public Set<Role> enter(String operation) throws ForbiddenException {
            throw new ForbiddenException();
        }
    }

    static final class RecordingTrail extends AuditTrail {
        final List<String> refusals = new ArrayList<>();

        @Override
        public void refused(
                String operation, AuditAction action, String resourceType, String reasonCode, String resourceId) {
            refusals.add(action + " " + resourceType + " " + reasonCode);
        }
    }
}
