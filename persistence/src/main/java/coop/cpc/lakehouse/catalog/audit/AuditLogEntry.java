package coop.cpc.lakehouse.catalog.audit;

import coop.cpc.lakehouse.catalog.CatalogTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One audited call. Immutable: the hash covers the other fields and the previous entry's hash,
 * so changing or removing an entry breaks the chain. The caller computes the hash (it holds the
 * key and the canonical form); this class only stores it. The table allows one successor per
 * hash, so the chain cannot fork.
 */
@Entity
@Table(name = "audit_logs")
public class AuditLogEntry {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "actor_pseudonym", updatable = false)
    private String actorPseudonym;

    @Column(name = "actor_role", updatable = false)
    private String actorRole;

    @Enumerated(EnumType.STRING)
    @Column(name = "purpose", nullable = false, updatable = false)
    private AuditPurpose purpose;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", nullable = false, updatable = false)
    private AuditAction action;

    @Column(name = "resource_type", nullable = false, updatable = false)
    private String resourceType;

    @Column(name = "resource_id", updatable = false)
    private String resourceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, updatable = false)
    private AuditOutcome outcome;

    @Column(name = "source_ip", updatable = false)
    private String sourceIp;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "details", nullable = false, updatable = false)
    private String details;

    @Column(name = "prev_hash", updatable = false)
    private String prevHash;

    @Column(name = "hash", nullable = false, updatable = false)
    private String hash;

    /** For JPA only. */
    protected AuditLogEntry() {}

    /**
     * @param id             chosen by the caller, because the hash covers it ({@link UUID#randomUUID()})
     * @param occurredAt     truncated to microseconds, as stored, so the hash verifies after a reload
     * @param actorPseudonym keyed HMAC of the user, or null when the purpose drops the actor
     * @param sourceIp       already truncated for the purpose, or null
     * @param detailsJson    JSON object of anonymized details: field names and counts, never values
     * @param prevHash       hash of the previous entry, or null for the first entry of the chain
     */
    public AuditLogEntry(
            UUID id,
            Instant occurredAt,
            String actorPseudonym,
            String actorRole,
            AuditPurpose purpose,
            AuditAction action,
            String resourceType,
            String resourceId,
            AuditOutcome outcome,
            String sourceIp,
            String detailsJson,
            String prevHash,
            String hash) {
        this.id = Objects.requireNonNull(id, "id");
        this.occurredAt = CatalogTime.truncate(Objects.requireNonNull(occurredAt, "occurredAt"));
        this.actorPseudonym = actorPseudonym;
        this.actorRole = actorRole;
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.action = Objects.requireNonNull(action, "action");
        this.resourceType = Objects.requireNonNull(resourceType, "resourceType");
        this.resourceId = resourceId;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.sourceIp = sourceIp;
        this.details = Objects.requireNonNull(detailsJson, "detailsJson");
        this.prevHash = prevHash;
        this.hash = Objects.requireNonNull(hash, "hash");
    }

    public UUID getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActorPseudonym() {
        return actorPseudonym;
    }

    public String getActorRole() {
        return actorRole;
    }

    public AuditPurpose getPurpose() {
        return purpose;
    }

    public AuditAction getAction() {
        return action;
    }

    public String getResourceType() {
        return resourceType;
    }

    public String getResourceId() {
        return resourceId;
    }

    public AuditOutcome getOutcome() {
        return outcome;
    }

    public String getSourceIp() {
        return sourceIp;
    }

    public String getDetails() {
        return details;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public String getHash() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditLogEntry entry && id.equals(entry.getId());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "AuditLogEntry[" + action + " " + resourceType + "/" + resourceId + " " + outcome + ", id=" + id + "]";
    }
}
