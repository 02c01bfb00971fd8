package coop.cpc.lakehouse.catalog.audit;

/** Why the caller accessed the data; decides anonymization. Stored by name in {@code audit_logs.purpose}. */
public enum AuditPurpose {
    USER_VIEW,
    PROVIDER_ACCESS,
    RESEARCH,
    DATA_SYNC,
    ADMIN,
    ANALYTICS,
    MACHINE_LEARNING
}
