package coop.cpc.lakehouse.application.audit;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * Tells the audit trail who calls. The container answers {@code isCallerInRole} only for roles the
 * asking bean declares, so audited beans ask here; a stateless bean, so asking never waits for the
 * trail's writer.
 */
@Stateless
@DeclareRoles({"viewer", "analyst", "researcher", "operator", "admin", "auditor"})
@PermitAll
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AuditedCallers {

    @Resource
    SessionContext session;

    /**
     * The caller of the current call, with its lakehouse roles; a management (JMX) caller the
     * container sees as anonymous is named as {@link ManagementCaller} was told.
     */
    public AuditedCaller current() {
        AuditedCaller caller = AuditedCaller.of(session);
        String management = ManagementCaller.current();
        return management != null && caller.anonymous() ? new AuditedCaller(management, caller.roles()) : caller;
    }
}
