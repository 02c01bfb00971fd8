package coop.cpc.lakehouse.catalog.audit;

/** What the caller did; stored by name in {@code audit_logs.action}. */
public enum AuditAction {
    READ,
    WRITE,
    DELETE,
    SCHEMA_CHANGE,
    VERSION_RESTORE,
    MANAGE
}
