package coop.cpc.lakehouse.catalog.audit;

/** How the audited call ended; stored by name in {@code audit_logs.outcome}. */
public enum AuditOutcome {
    SUCCESS,
    DENIED,
    ERROR,
    /** The call returned, but its transaction did not commit: nothing it did took effect. */
    FAILED
}
