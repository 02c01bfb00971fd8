package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.time.Instant;
import java.util.UUID;

/**
 * What an audit entry says, without its place in the chain: the fields {@link ChainHash} hashes
 * after the previous entry's hash.
 *
 * @param occurredAt as stored: truncated to microseconds
 * @param actor      keyed HMAC of the user, or null when the purpose drops the actor
 * @param sourceIp   already truncated for the purpose, or null
 * @param details    JSON object of anonymized details
 */
record AuditFields(
        UUID id,
        Instant occurredAt,
        String actor,
        String role,
        AuditPurpose purpose,
        AuditAction action,
        String resourceType,
        String resourceId,
        AuditOutcome outcome,
        String sourceIp,
        String details) {

    /** These fields as the writer stores them: no text field holds the hash's separator ({@link ChainHash}). */
    AuditFields storable() {
        return new AuditFields(
                id,
                occurredAt,
                ChainHash.storable(actor),
                ChainHash.storable(role),
                purpose,
                action,
                ChainHash.storable(resourceType),
                ChainHash.storable(resourceId),
                outcome,
                ChainHash.storable(sourceIp),
                details);
    }

    /** An entry of these fields, linked to {@code prevHash} and holding {@code hash}, as the catalog stores it. */
    AuditLogEntry toEntry(String prevHash, String hash) {
        return new AuditLogEntry(
                id,
                occurredAt,
                actor,
                role,
                purpose,
                action,
                resourceType,
                resourceId,
                outcome,
                sourceIp,
                details,
                prevHash,
                hash);
    }

    /** The fields of a stored entry. */
    static AuditFields of(AuditLogEntry e) {
        return new AuditFields(
                e.getId(),
                e.getOccurredAt(),
                e.getActorPseudonym(),
                e.getActorRole(),
                e.getPurpose(),
                e.getAction(),
                e.getResourceType(),
                e.getResourceId(),
                e.getOutcome(),
                e.getSourceIp(),
                e.getDetails());
    }
}
