package coop.cpc.lakehouse.catalog.audit;

/** How the audited call ended; stored by name in {@code audit_logs.outcome}. */
public enum AuditOutcome {
    SUCCESS,
    DENIED,
    ERROR
}
