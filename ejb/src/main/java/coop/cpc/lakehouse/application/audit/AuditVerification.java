package coop.cpc.lakehouse.application.audit;

/** The result of walking the audit chain: intact or not, and where it first breaks. */
public record AuditVerification(boolean intact, long entriesChecked, String firstBrokenEntryId) {}
