package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;

/**
 * One audited call, before anonymization.
 *
 * @param details JSON object of names and counts, never values
 */
public record AuditEvent(String user, String role, AuditPurpose purpose, AuditAction action, String resourceType,
                         String resourceId, AuditOutcome outcome, String sourceAddress, String details) {
}
