package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import java.util.function.UnaryOperator;

/** What someone with write access to the catalog does to a stored audit entry: changes fields, keeps link and hash. */
final class StoredEntryEdits {
    private StoredEntryEdits() {}

    /** The entry with its fields changed in place: its link and stored hash stay. */
    static AuditLogEntry edited(AuditLogEntry e, UnaryOperator<AuditFields> change) {
        AuditFields f = change.apply(AuditFields.of(e));
        return new AuditLogEntry(
                f.id(),
                f.occurredAt(),
                f.actor(),
                f.role(),
                f.purpose(),
                f.action(),
                f.resourceType(),
                f.resourceId(),
                f.outcome(),
                f.sourceIp(),
                f.details(),
                e.getPrevHash(),
                e.getHash());
    }

    /** An entry as a build before session 26 wrote it: hashed by the first rule ({@link ChainHash#computeFirstRule}). */
    static AuditLogEntry writtenByAnEarlierBuild(String prevHash, AuditFields f) {
        AuditLogEntry now = ChainHash.chained(prevHash, f);
        return new AuditLogEntry(
                now.getId(),
                now.getOccurredAt(),
                now.getActorPseudonym(),
                now.getActorRole(),
                now.getPurpose(),
                now.getAction(),
                now.getResourceType(),
                now.getResourceId(),
                now.getOutcome(),
                now.getSourceIp(),
                now.getDetails(),
                prevHash,
                ChainHash.computeFirstRule(prevHash, AuditFields.of(now)));
    }

    static AuditFields withActor(AuditFields f, String actor) {
        return new AuditFields(
                f.id(),
                f.occurredAt(),
                actor,
                f.role(),
                f.purpose(),
                f.action(),
                f.resourceType(),
                f.resourceId(),
                f.outcome(),
                f.sourceIp(),
                f.details());
    }

    static AuditFields withRole(AuditFields f, String role) {
        return new AuditFields(
                f.id(),
                f.occurredAt(),
                f.actor(),
                role,
                f.purpose(),
                f.action(),
                f.resourceType(),
                f.resourceId(),
                f.outcome(),
                f.sourceIp(),
                f.details());
    }

    static AuditFields withResourceId(AuditFields f, String resourceId) {
        return new AuditFields(
                f.id(),
                f.occurredAt(),
                f.actor(),
                f.role(),
                f.purpose(),
                f.action(),
                f.resourceType(),
                resourceId,
                f.outcome(),
                f.sourceIp(),
                f.details());
    }

    static AuditFields withSourceIp(AuditFields f, String sourceIp) {
        return new AuditFields(
                f.id(),
                f.occurredAt(),
                f.actor(),
                f.role(),
                f.purpose(),
                f.action(),
                f.resourceType(),
                f.resourceId(),
                f.outcome(),
                sourceIp,
                f.details());
    }

    static AuditFields withOutcome(AuditFields f, coop.cpc.lakehouse.catalog.audit.AuditOutcome outcome) {
        return new AuditFields(
                f.id(),
                f.occurredAt(),
                f.actor(),
                f.role(),
                f.purpose(),
                f.action(),
                f.resourceType(),
                f.resourceId(),
                outcome,
                f.sourceIp(),
                f.details());
    }
}
