/**
 * Audit: every application service method that reads or changes data is {@link Audited}; the
 * interceptor appends one entry per call to a hash-chained trail, with the caller as a keyed
 * pseudonym and the source address reduced by purpose, details anonymized (names and counts,
 * never values), and entries purged after {@code audit_log_retention_days}.
 */
package coop.cpc.lakehouse.application.audit;
