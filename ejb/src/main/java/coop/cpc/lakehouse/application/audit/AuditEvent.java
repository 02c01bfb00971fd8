package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;

/**
 * One audited call, before anonymization.
 *
 * @param purposeAllowed whether the caller's roles may use the purpose; a refused purpose is
 *                       recorded as asked but not obeyed
 * @param details        JSON object of names and counts, never values
 */
public record AuditEvent(
        AuditedCaller caller,
        AuditPurpose purpose,
        boolean purposeAllowed,
        AuditAction action,
        String resourceType,
        String resourceId,
        AuditOutcome outcome,
        String sourceAddress,
        String details) {

    /**
     * Whether the entry names the caller whatever the purpose: every change, and every call
     * that declared a purpose its roles may not use, so no caller can erase itself from them.
     */
    public boolean accountable() {
        return action != AuditAction.READ || !purposeAllowed;
    }
}
