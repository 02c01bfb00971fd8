package coop.cpc.lakehouse.catalog.audit;

import java.time.Instant;

/**
 * What an auditor asks for; every part is optional (null: any).
 *
 * @param from       entries at or after this instant
 * @param to         entries before this instant
 * @param pseudonym  the actor's pseudonym as stored
 */
public record AuditLogFilter(
        Instant from, Instant to, AuditAction action, AuditOutcome outcome, String resourceId, String pseudonym) {

    public static AuditLogFilter any() {
        return new AuditLogFilter(null, null, null, null, null, null);
    }
}
