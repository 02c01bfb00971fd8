package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** What someone with write access to the catalog does to a stored audit entry: changes fields, keeps link and hash. */
final class StoredEntryEdits {
    private StoredEntryEdits() {}

    /** The entry with its fields changed in place: its link and stored hash stay. */
    static AuditLogEntry edited(AuditLogEntry e, UnaryOperator<AuditFields> change) {
        return change.apply(AuditFields.of(e)).toEntry(e.getPrevHash(), e.getHash());
    }

    /** An entry as a build before session 26 wrote it: hashed by the first rule ({@link ChainHash#computeFirstRule}). */
    static AuditLogEntry writtenByAnEarlierBuild(String prevHash, AuditFields f) {
        AuditFields stored = f.storable();
        return stored.toEntry(prevHash, ChainHash.computeFirstRule(prevHash, stored));
    }

    static AuditFields withId(AuditFields f, UUID id) {
        return copy(f, id, f.actor(), f.role(), f.resourceId(), f.outcome(), f.sourceIp());
    }

    static AuditFields withActor(AuditFields f, String actor) {
        return copy(f, f.id(), actor, f.role(), f.resourceId(), f.outcome(), f.sourceIp());
    }

    static AuditFields withRole(AuditFields f, String role) {
        return copy(f, f.id(), f.actor(), role, f.resourceId(), f.outcome(), f.sourceIp());
    }

    static AuditFields withResourceId(AuditFields f, String resourceId) {
        return copy(f, f.id(), f.actor(), f.role(), resourceId, f.outcome(), f.sourceIp());
    }

    static AuditFields withSourceIp(AuditFields f, String sourceIp) {
        return copy(f, f.id(), f.actor(), f.role(), f.resourceId(), f.outcome(), sourceIp);
    }

    static AuditFields withOutcome(AuditFields f, AuditOutcome outcome) {
        return copy(f, f.id(), f.actor(), f.role(), f.resourceId(), outcome, f.sourceIp());
    }

    /** The fields with those the edits above change given anew. */
    private static AuditFields copy(
            AuditFields f,
            UUID id,
            String actor,
            String role,
            String resourceId,
            AuditOutcome outcome,
            String sourceIp) {
        return new AuditFields(
                id,
                f.occurredAt(),
                actor,
                role,
                f.purpose(),
                f.action(),
                f.resourceType(),
                resourceId,
                outcome,
                sourceIp,
                f.details());
    }
}
